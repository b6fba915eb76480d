import { FORBIDDEN_ADDRESS_CODE, transportFailurePhrase } from '@/lib/net/transport-failure';

/**
 * How a failed store request should be handled:
 * - `permanent`: the store refused it (validation, auth, 4xx); retrying the same request cannot help.
 * - `retryable`: the store did not apply it (connection refused, connect timeout, 429, or a read that failed).
 * - `ambiguous`: a write that may have been applied (timeout or reset after sending, 5xx on a write).
 *   Look for its effect on the store before retrying it.
 */
export type WooErrorKind = 'permanent' | 'retryable' | 'ambiguous';

export class WooRequestError extends Error {
  readonly kind: WooErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    details: { kind: WooErrorKind; status?: number | null; code?: string | null; retryAfterMs?: number | null },
  ) {
    super(message);
    this.name = 'WooRequestError';
    this.kind = details.kind;
    this.status = details.status ?? null;
    this.code = details.code ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

export function isWooRequestError(error: unknown): error is WooRequestError {
  return error instanceof WooRequestError;
}

/** Retry-After is either seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

type ResponseFailure = { status: number; body: unknown; retryAfter?: string | null; isWrite: boolean; what: string };

export function classifyResponseFailure({ status, body, retryAfter, isWrite, what }: ResponseFailure): WooRequestError {
  const parsed = parseWooErrorBody(body);
  const reason = parsed.message ? `: ${parsed.message}` : '';
  const message = `${what} failed with HTTP ${status}${reason}`;
  if (status === 429) {
    return new WooRequestError(message, { kind: 'retryable', status, code: parsed.code, retryAfterMs: parseRetryAfter(retryAfter) });
  }
  if (status === 408 || status >= 500) {
    const kind: WooErrorKind = isWrite ? 'ambiguous' : 'retryable';
    return new WooRequestError(message, { kind, status, code: parsed.code, retryAfterMs: parseRetryAfter(retryAfter) });
  }
  return new WooRequestError(message, { kind: 'permanent', status, code: parsed.code });
}

/** WooCommerce errors are `{code, message, data}`; `data.params` says which field was wrong. */
export function parseWooErrorBody(body: unknown): { code: string | null; message: string | null } {
  if (!body || typeof body !== 'object') return { code: null, message: null };
  const record = body as { code?: unknown; message?: unknown; data?: { params?: Record<string, unknown> } };
  const code = typeof record.code === 'string' ? record.code : null;
  let message = typeof record.message === 'string' ? stripTags(record.message) : null;
  const params = record.data?.params;
  if (params && typeof params === 'object') {
    const details = Object.entries(params)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => `${k}: ${stripTags(v as string)}`);
    if (details.length > 0) message = `${message ?? 'Invalid parameters'} (${details.join('; ')})`;
  }
  return { code, message };
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '').slice(0, 500);
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CONNECT_TIMEOUT']);

/** A transport failure: if the request never reached the store it was not applied; otherwise a write is ambiguous. */
export function classifyTransportFailure(
  what: string,
  code: string | undefined,
  sent: boolean,
  isWrite: boolean,
  timeoutMs?: number,
): WooRequestError {
  const notSent = !sent || (code !== undefined && NOT_SENT_CODES.has(code));
  const forbidden = code === FORBIDDEN_ADDRESS_CODE;
  const kind: WooErrorKind = forbidden ? 'permanent' : !notSent && isWrite ? 'ambiguous' : 'retryable';
  return new WooRequestError(`${what} failed: ${transportFailurePhrase(code, timeoutMs)}`, { kind, code: code ?? null });
}
