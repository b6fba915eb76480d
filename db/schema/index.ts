export * from './accounts';
export * from './stores';
export * from './sync';
