import { isResponseTooLargeError, isStoreAddressForbiddenError } from '../net';
import { failureMessages, type CheckStep, type ConnectionFailure } from './connection-failures';

const TLS_DETAILS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain contains a self-signed certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is issued for a different host name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is not signed by a trusted authority, or the chain is incomplete',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is not signed by a trusted authority, or the chain is incomplete',
  CERT_REVOKED: 'its certificate has been revoked',
  EPROTO: 'the server does not speak https on this port',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak https on this port',
};

function isTlsCode(code: string): boolean {
  return code in TLS_DETAILS || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_');
}

/** A failed exchange that never produced an HTTP answer, in the merchant's terms. */
export function describeTransportFailure(error: unknown, url: string, step: CheckStep, timeoutMs: number): ConnectionFailure {
  const target = new URL(url);
  const host = target.hostname;
  if (isStoreAddressForbiddenError(error)) {
    return { step, code: 'forbidden_address', message: `${(error as Error).message} Enter the store's public address.` };
  }
  if (isResponseTooLargeError(error)) return { step, code: 'response_too_large', message: failureMessages.tooLarge(error.message) };
  const code = String((error as { code?: unknown }).code ?? 'UNKNOWN');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
    return { step, code: 'dns_failure', message: failureMessages.dnsFailure(host) };
  }
  if (code === 'ECONNREFUSED') {
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    return { step, code: 'connection_refused', message: failureMessages.refused(host, port) };
  }
  if (code === 'CONNECT_TIMEOUT' || code === 'RESPONSE_TIMEOUT' || code === 'ETIMEDOUT') {
    return { step, code: 'timeout', message: failureMessages.timeout(host, Math.round(timeoutMs / 1000)) };
  }
  if (isTlsCode(code)) {
    const detail = TLS_DETAILS[code] ?? `the TLS handshake failed (${code})`;
    return { step, code: 'tls_error', message: failureMessages.tls(host, detail) };
  }
  return { step, code: 'connection_failed', message: failureMessages.connectionFailed(host, code === 'UNKNOWN' ? 'no answer' : code) };
}
