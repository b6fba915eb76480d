import { adviseOnTransportFailure, type TransportFailureKind } from '@/lib/net/transport-failure';
import type { CheckStep, ConnectionFailure, ConnectionFailureCode } from './connection-failures';

const FAILURE_CODES: Record<TransportFailureKind, ConnectionFailureCode> = {
  forbidden_address: 'forbidden_address',
  response_too_large: 'response_too_large',
  dns_failure: 'dns_failure',
  connection_refused: 'connection_refused',
  connect_timeout: 'timeout',
  response_timeout: 'timeout',
  tls_error: 'tls_error',
  connection_closed: 'connection_failed',
  connection_failed: 'connection_failed',
};

/** A failed exchange of the connection check that never produced an HTTP answer, in the merchant's terms. */
export function describeTransportFailure(error: unknown, url: string, step: CheckStep, timeoutMs: number): ConnectionFailure {
  const { kind, message } = adviseOnTransportFailure(error, url, timeoutMs);
  return { step, code: FAILURE_CODES[kind], message };
}
