export { RATE_LIMITS, describeDuration, type RateLimit } from './policies';
export {
  reserve,
  reserveOrThrow,
  giveBack,
  clearLimit,
  runExclusive,
  RateLimitedError,
  AlreadyRunningError,
  type Reservation,
  type Taken,
} from './limiter';
export { clientAddress, parseTrustedProxy, type TrustedProxy } from './client-address';
