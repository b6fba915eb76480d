import { describe, expect, it } from 'vitest';
import { classifyResponseFailure, classifyTransportFailure, parseRetryAfter } from '@/lib/woo/errors';
import { backoffDelayMs, retryDelayMs } from '@/lib/woo/backoff';

describe('store error classification', () => {
  it('4xx are permanent with the store reason, 429 retryable with Retry-After, 5xx ambiguous only for writes', () => {
    const invalid = classifyResponseFailure({
      status: 400,
      body: {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): billing',
        data: { status: 400, params: { billing: 'Invalid email address.' } },
      },
      isWrite: true,
      what: 'POST orders',
    });
    expect(invalid.kind).toBe('permanent');
    expect(invalid.message).toBe('POST orders failed with HTTP 400: Invalid parameter(s): billing (billing: Invalid email address.)');
    const limited = classifyResponseFailure({ status: 429, body: {}, retryAfter: '3', isWrite: true, what: 'POST orders/batch' });
    expect(limited.kind).toBe('retryable');
    expect(limited.retryAfterMs).toBe(3000);
    expect(classifyResponseFailure({ status: 503, body: null, isWrite: true, what: 'w' }).kind).toBe('ambiguous');
    expect(classifyResponseFailure({ status: 503, body: null, isWrite: false, what: 'r' }).kind).toBe('retryable');
  });

  it('a request that never reached the store is retryable; one sent and lost is ambiguous for writes', () => {
    expect(classifyTransportFailure('POST x', 'ECONNREFUSED', false, true).kind).toBe('retryable');
    expect(classifyTransportFailure('POST x', 'CONNECT_TIMEOUT', false, true).kind).toBe('retryable');
    expect(classifyTransportFailure('POST x', 'RESPONSE_TIMEOUT', true, true).kind).toBe('ambiguous');
    expect(classifyTransportFailure('POST x', 'ECONNRESET', true, true).kind).toBe('ambiguous');
    expect(classifyTransportFailure('GET x', 'ECONNRESET', true, false).kind).toBe('retryable');
  });

  it('reads Retry-After as seconds or a date; backoff is jittered, capped and exponential', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeNull();
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(0, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(800);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(400);
    expect(retryDelayMs(0, policy, 3000, () => 0)).toBe(3000);
  });
});
