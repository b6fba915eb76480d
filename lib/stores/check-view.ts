/** The parts of the stores domain that browser components may import: labels and types, no Node modules. */
export { CHECK_STEPS, CHECK_STEP_LABELS, type CheckStep, type ConnectionFailure } from './connection-failures';
export type { ConnectionCheckResult, CheckStepResult } from './connection-check';
export type { StoreView } from './store-view';
export type { CheckedStore } from './store-service';
