export { validateConsumerCredentials, consumerKeyLast4 } from './store-url';
export { normaliseStoreUrl } from '@/lib/woo/store-url';
export {
  checkStoreConnection,
  type ConnectionCheckResult,
  type CheckStepResult,
  type ConnectionCheckOptions,
  type StepStatus,
} from './connection-check';
export { CHECK_STEPS, CHECK_STEP_LABELS, type CheckStep, type ConnectionFailure, type ConnectionFailureCode } from './connection-failures';
export type { StoreFacts } from './store-facts';
export { toStoreView, type StoreView } from './store-view';
export {
  connectStore,
  prepareStoreConnection,
  recheckStore,
  replaceStoreKeys,
  setStorePaused,
  setSubstoreDirections,
  describeStoreRemoval,
  removeStore,
  listStoreViews,
  getStoreView,
  type ConnectStoreInput,
  type CheckedStore,
  type StoreServiceOptions,
} from './store-service';
export { SYNC_SETTING_EXPLANATIONS, syncSettingsInput, readSyncSettings, saveSyncSettings } from './sync-settings';
export { rotateStoreCredentialKeys, type RotationReport } from './key-rotation';
export {
  ONBOARDING_STEPS,
  ONBOARDING_STEP_LABELS,
  currentOnboardingStep,
  isOnboardingStep,
  moveOnboardingForward,
  saveWorkspaceName,
  type OnboardingStep,
} from './onboarding';
export { previewFirstSync } from './first-sync-preview';
