import { RESPONSE_TOO_LARGE } from './capped-body';

/**
 * Why a request to a store got no HTTP answer, whichever code Node, the SSRF guard or Orderbridge's own
 * timers gave the failure. The one place these failures are told apart and worded: briefly for a sync's
 * history (`transportFailurePhrase`), with what to do for a merchant connecting a store (`adviseOnTransportFailure`).
 */
export type TransportFailureKind =
  | 'forbidden_address'
  | 'response_too_large'
  | 'dns_failure'
  | 'connection_refused'
  | 'connect_timeout'
  | 'response_timeout'
  | 'tls_error'
  | 'connection_closed'
  | 'connection_failed';

export const FORBIDDEN_ADDRESS_CODE = 'ERR_STORE_ADDRESS_FORBIDDEN';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const RESPONSE_TIMEOUT_CODES = new Set(['RESPONSE_TIMEOUT', 'ETIMEDOUT', 'ECONNABORTED']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE']);

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

function tlsDetail(code: string): string {
  return TLS_DETAILS[code] ?? `the TLS handshake failed (${code})`;
}

export function classifyTransportCode(code: string | undefined): TransportFailureKind {
  if (code === undefined) return 'connection_failed';
  if (code === FORBIDDEN_ADDRESS_CODE) return 'forbidden_address';
  if (code === RESPONSE_TOO_LARGE) return 'response_too_large';
  if (DNS_CODES.has(code)) return 'dns_failure';
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (code === 'CONNECT_TIMEOUT') return 'connect_timeout';
  if (RESPONSE_TIMEOUT_CODES.has(code)) return 'response_timeout';
  if (CLOSED_CODES.has(code)) return 'connection_closed';
  if (isTlsCode(code)) return 'tls_error';
  return 'connection_failed';
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms / 1000)} s`;
}

/** In a few words, to follow "GET orders failed: "; `timeoutMs` is the deadline a RESPONSE_TIMEOUT missed. */
export function transportFailurePhrase(code: string | undefined, timeoutMs?: number): string {
  switch (classifyTransportCode(code)) {
    case 'forbidden_address':
      return "the store's address is loopback or private, and Orderbridge only connects to stores on the public internet";
    case 'response_too_large':
      return "the store's answer was larger than Orderbridge reads";
    case 'dns_failure':
      return "the store's address could not be resolved";
    case 'connection_refused':
      return 'the store refused the connection';
    case 'connect_timeout':
      return 'connecting to the store timed out';
    case 'response_timeout':
      return code === 'RESPONSE_TIMEOUT' && timeoutMs !== undefined
        ? `the store did not answer within ${formatSeconds(timeoutMs)} (the whole answer, however slowly it arrives)`
        : 'the store did not answer in time';
    case 'connection_closed':
      return 'the store closed the connection';
    case 'tls_error':
      return `the secure (https) connection failed: ${tlsDetail(code!)}`;
    case 'connection_failed':
      return code ? `network error ${code}` : 'network error';
  }
}

/**
 * The failure as a merchant connecting a store reads it: what went wrong at which address, and what to do.
 * `timeoutMs` is the deadline the check gave the store.
 */
export function adviseOnTransportFailure(error: unknown, url: string, timeoutMs: number): { kind: TransportFailureKind; message: string } {
  const target = new URL(url);
  const host = target.hostname;
  const rawCode = (error as { code?: unknown }).code;
  const code = rawCode === undefined || rawCode === null ? undefined : String(rawCode);
  const kind = classifyTransportCode(code);
  const detail = error instanceof Error ? error.message : String(error);
  switch (kind) {
    case 'forbidden_address':
      return { kind, message: `${detail} Enter the store's public address.` };
    case 'response_too_large':
      return {
        kind,
        message: `${detail}. A WooCommerce store's answers to these requests are a few kilobytes: check that the address is your store.`,
      };
    case 'dns_failure':
      return {
        kind,
        message: `We could not find ${host}: no DNS record exists for it. Check the spelling of the store address (for example https://shop.example.com).`,
      };
    case 'connection_refused': {
      const port = target.port || (target.protocol === 'https:' ? '443' : '80');
      return { kind, message: `${host} refused the connection on port ${port}. Check the address and port, and that the site is online.` };
    }
    case 'connect_timeout':
    case 'response_timeout':
      return {
        kind,
        message: `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds. Check that the site opens in a browser; if it is slow or overloaded, try again in a few minutes.`,
      };
    case 'tls_error':
      return {
        kind,
        message: `The secure (https) connection to ${host} failed: ${tlsDetail(code!)}. The site needs a valid SSL certificate for ${host} — ask your host to fix it, or use the address the certificate covers.`,
      };
    case 'connection_closed':
    case 'connection_failed':
      return {
        kind,
        message: `The connection to ${host} failed (${code ?? 'no answer'}). Check that the site opens in a browser and try again.`,
      };
  }
}
