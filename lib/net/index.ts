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
export { guardedRequest, isRedirectStatus, type GuardedRequest, type GuardedResponse } from './guarded-request';
