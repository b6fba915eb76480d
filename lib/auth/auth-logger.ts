import { log, logError } from '@/lib/log';

/** A wrong password or a stale session cookie is a visitor's doing, not a fault of ours: a warning, no stack. */
const VISITOR_ERRORS = new Set(['CredentialsSignin', 'JWTSessionError']);

/** Auth.js logs through the app's one logger (credentials redacted) instead of its own console lines. */
export const authLogger = {
  error(error: Error) {
    const type = (error as { type?: unknown }).type;
    const kind = typeof type === 'string' ? type : error.name;
    if (VISITOR_ERRORS.has(kind)) log.warn({ authError: kind }, `auth: ${kind}`);
    else logError('auth failed unexpectedly', error, { authError: kind });
  },
  warn(code: string) {
    log.warn({ code }, `auth warning: ${code}`);
  },
  debug(message: string, metadata?: unknown) {
    log.debug({ metadata }, `auth: ${message}`);
  },
};
