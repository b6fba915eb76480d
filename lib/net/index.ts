export { classifyAddress, describeForbiddenReason, type ForbiddenAddressReason } from './address-policy';
export { StoreAddressForbiddenError, isStoreAddressForbiddenError } from './errors';
export {
  createGuardedLookup,
  privateStoreUrlsAllowed,
  resolvePublicAddresses,
  systemResolver,
  type GuardOptions,
  type ResolvedAddress,
  type Resolver,
} from './guarded-lookup';
export { createGuardedAgents, type GuardedAgents } from './guarded-agents';
export { guardedRequest, GUARDED_REQUEST_DEFAULTS, isRedirectStatus, type GuardedRequest, type GuardedResponse } from './guarded-request';
export {
  formatBytes,
  isResponseTooLargeError,
  readCappedBody,
  ResponseTooLargeError,
  RESPONSE_TOO_LARGE,
  type CappedBodyOptions,
} from './capped-body';
