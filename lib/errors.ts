import { logError, type LogContext } from './log';

type CodeRule = { status: number; shownToMerchant: boolean };

/**
 * Every code an Orderbridge error carries: the HTTP status a route answers with, and whether its message is
 * written for the merchant. A hidden message only reaches the log; the merchant reads UNEXPECTED_FAILURE.
 */
export const ERROR_CODES = {
  // Who asks
  signed_out: { status: 401, shownToMerchant: true },
  forbidden: { status: 403, shownToMerchant: true },
  email_unverified: { status: 403, shownToMerchant: true },
  wrong_password: { status: 403, shownToMerchant: true },
  locked: { status: 429, shownToMerchant: true },
  rate_limited: { status: 429, shownToMerchant: true },
  // Input the merchant can correct
  invalid_name: { status: 400, shownToMerchant: true },
  invalid_email: { status: 400, shownToMerchant: true },
  invalid_url: { status: 400, shownToMerchant: true },
  invalid_key: { status: 400, shownToMerchant: true },
  invalid_secret: { status: 400, shownToMerchant: true },
  invalid_sync_start: { status: 400, shownToMerchant: true },
  weak_password: { status: 400, shownToMerchant: true },
  mismatch: { status: 400, shownToMerchant: true },
  confirmation_mismatch: { status: 400, shownToMerchant: true },
  // What exists
  not_found: { status: 404, shownToMerchant: true },
  invalid_link: { status: 410, shownToMerchant: true },
  invitation_unknown: { status: 410, shownToMerchant: true },
  invitation_expired: { status: 410, shownToMerchant: true },
  invitation_other_address: { status: 403, shownToMerchant: true },
  invitation_unconfirmed_address: { status: 403, shownToMerchant: true },
  // The state things are in
  email_taken: { status: 409, shownToMerchant: true },
  same_email: { status: 409, shownToMerchant: true },
  already_member: { status: 409, shownToMerchant: true },
  last_owner: { status: 409, shownToMerchant: true },
  only_workspace: { status: 409, shownToMerchant: true },
  already_connected: { status: 409, shownToMerchant: true },
  main_exists: { status: 409, shownToMerchant: true },
  main_missing: { status: 409, shownToMerchant: true },
  substore_missing: { status: 409, shownToMerchant: true },
  not_a_substore: { status: 409, shownToMerchant: true },
  already_running: { status: 409, shownToMerchant: true },
  // Services Orderbridge depends on
  mail_failed: { status: 503, shownToMerchant: true },
  queue_unavailable: { status: 503, shownToMerchant: true },
  internal: { status: 500, shownToMerchant: false },
} as const satisfies Record<string, CodeRule>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const UNEXPECTED_FAILURE = 'Something went wrong on our side. Try again in a moment.';

/** An error Orderbridge raises on purpose: its code (ERROR_CODES) says the HTTP status and whether the merchant may read the message. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export class NotFoundError extends UserFacingError {
  constructor(what = 'That item') {
    super(`${what} was not found.`, 'not_found');
    this.name = 'NotFoundError';
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export type MerchantFacingError = { code: ErrorCode; status: number; message: string };

/**
 * What the merchant is told of an error caught where a request ends (an action, a route): its own message when
 * its code may be shown; otherwise, an error of a hidden code or one not raised on purpose (a failed query, a
 * bug), a generic sentence, and the log gets the error with `context` (the log scrubs credentials).
 */
export function toMerchantFacing(error: unknown, failure: string, context: LogContext = {}): MerchantFacingError {
  const code: ErrorCode = error instanceof UserFacingError ? error.code : 'internal';
  if (error instanceof UserFacingError && ERROR_CODES[code].shownToMerchant)
    return { code, status: httpStatusOf(code), message: error.message };
  logError(failure, error, context);
  return { code, status: httpStatusOf(code), message: UNEXPECTED_FAILURE };
}

/** A route handler's answer to an error: `{ error, code }` as JSON, with the code's status. */
export function errorResponse(error: unknown, context: LogContext = {}): Response {
  const { code, status, message } = toMerchantFacing(error, 'route handler failed unexpectedly', context);
  return Response.json({ error: message, code }, { status });
}
