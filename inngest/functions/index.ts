import { syncOnWebhookFunction } from './sync-on-webhook';
import { syncOrderFunction } from './sync-order';
import { syncScheduler } from './sync-scheduler';
import { syncWorkspaceFunction } from './sync-workspace';

export const functions = [syncScheduler, syncWorkspaceFunction, syncOrderFunction, syncOnWebhookFunction];
