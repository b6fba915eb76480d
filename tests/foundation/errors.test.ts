import { redirect } from 'next/navigation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failedAction } from '@/lib/actions/action-state';
import {
  ERROR_CODES,
  errorResponse,
  httpStatusOf,
  NotFoundError,
  toMerchantFacing,
  UNEXPECTED_FAILURE,
  UserFacingError,
  type ErrorCode,
} from '@/lib/errors';
import { redirectLogOutput } from '@/lib/log';
import { WooRequestError } from '@/lib/woo/errors';

type LogLine = { msg: string; workspaceId?: string; err: { type: string; message: string } };

let lines: string[] = [];
let restore: () => void;

beforeEach(() => {
  lines = [];
  restore = redirectLogOutput({ write: (line: string) => void lines.push(line) });
});
afterEach(() => restore());

function logged(): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine);
}

describe('error codes', () => {
  it('give each code its HTTP status', () => {
    const statuses: Array<[ErrorCode, number]> = [
      ['signed_out', 401],
      ['forbidden', 403],
      ['not_found', 404],
      ['invalid_url', 400],
      ['already_connected', 409],
      ['invitation_expired', 410],
      ['rate_limited', 429],
      ['internal', 500],
      ['queue_unavailable', 503],
    ];
    for (const [code, status] of statuses) expect(httpStatusOf(code), code).toBe(status);
  });

  it('answer every failure with an error status, and hide only what was not written for the merchant', () => {
    for (const [code, { status }] of Object.entries(ERROR_CODES)) expect(status >= 400 && status < 600, code).toBe(true);
    expect(
      Object.entries(ERROR_CODES)
        .filter(([, rule]) => !rule.shownToMerchant)
        .map(([code]) => code),
    ).toEqual(['internal']);
  });
});

describe('what the merchant is told', () => {
  it("is a shown code's own message, with its code and status, and nothing is logged", () => {
    expect(toMerchantFacing(new UserFacingError('The store address cannot contain spaces.', 'invalid_url'), 'failed')).toEqual({
      code: 'invalid_url',
      status: 400,
      message: 'The store address cannot contain spaces.',
    });
    expect(toMerchantFacing(new NotFoundError('That store'), 'failed')).toEqual({
      code: 'not_found',
      status: 404,
      message: 'That store was not found.',
    });
    expect(lines).toEqual([]);
  });

  it('is a generic sentence for an error Orderbridge did not raise on purpose, which the log gets with its context', () => {
    const answer = toMerchantFacing(
      new Error('connection to postgres://orderbridge:hunter2@db failed'),
      'route handler failed unexpectedly',
      { workspaceId: 'workspace-1' },
    );
    expect(answer).toEqual({ code: 'internal', status: 500, message: UNEXPECTED_FAILURE });
    expect(logged()).toMatchObject([
      {
        msg: 'route handler failed unexpectedly',
        workspaceId: 'workspace-1',
        err: { message: 'connection to postgres://[redacted]@db failed' },
      },
    ]);
    expect(lines.join('')).not.toContain('hunter2');
  });

  it('is generic for a store error or a bare value even when it carries a code of its own', () => {
    const storeError = new WooRequestError('GET orders failed with HTTP 404', { kind: 'permanent', status: 404, code: 'not_found' });
    expect(toMerchantFacing(storeError, 'failed')).toEqual({ code: 'internal', status: 500, message: UNEXPECTED_FAILURE });
    expect(toMerchantFacing(Object.assign(new Error('raw'), { code: 'invalid_url' }), 'failed').message).toBe(UNEXPECTED_FAILURE);
    expect(toMerchantFacing('a thrown string', 'failed').message).toBe(UNEXPECTED_FAILURE);
    expect(logged()).toHaveLength(3);
  });

  it('is generic for an error of a hidden code, whose status is kept', () => {
    expect(toMerchantFacing(new UserFacingError('invariant broken in run 7', 'internal'), 'failed')).toEqual({
      code: 'internal',
      status: 500,
      message: UNEXPECTED_FAILURE,
    });
    expect(logged()).toMatchObject([{ err: { type: 'UserFacingError', message: 'invariant broken in run 7' } }]);
  });
});

describe('the answers built from it', () => {
  it('a route answers JSON with the code and its status', async () => {
    const refused = errorResponse(new UserFacingError('Sign in to continue.', 'signed_out'));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'Sign in to continue.', code: 'signed_out' });
    const failed = errorResponse(new Error('boom'), { path: '/api/sync/status' });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: UNEXPECTED_FAILURE, code: 'internal' });
    expect(logged()).toMatchObject([{ msg: 'route handler failed unexpectedly', err: { message: 'boom' } }]);
  });

  it("an action's state carries the message only, and Next.js's redirect passes through", () => {
    expect(failedAction(new UserFacingError('Keep the workspace name under 80 characters.', 'invalid_name'))).toEqual({
      ok: false,
      error: 'Keep the workspace name under 80 characters.',
    });
    expect(failedAction(new Error('boom'))).toEqual({ ok: false, error: UNEXPECTED_FAILURE });
    let redirecting: unknown;
    try {
      redirect('/dashboard');
    } catch (error) {
      redirecting = error;
    }
    expect(() => failedAction(redirecting)).toThrow(redirecting as Error);
  });
});
