import pino, { type DestinationStream, type Logger } from 'pino';

/** The ids an operator needs to follow one failure to its workspace, sync run and store. */
export type LogContext = { workspaceId?: string; runId?: string; storeId?: string; [field: string]: unknown };

const REDACTED = '[redacted]';
const SECRET_FIELD =
  /^(consumer_?key|consumer_?secret|.*encrypted|password.*|.*secret|.*token|authorization|cookies?|set-cookie|api_?key|encryption_?key)$/i;
const SECRETS_IN_TEXT: Array<[RegExp, string]> = [
  // WooCommerce REST keys, wherever they appear (a URL, a message, a stack).
  [/\b(ck|cs)_[A-Za-z0-9]{8,}/g, `$1_${REDACTED}`],
  [/\b((?:oauth_)?consumer_(?:key|secret)|oauth_signature|password|token)=[^&\s"']+/gi, `$1=${REDACTED}`],
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${REDACTED}`],
  // The user and password of a URL (a database connection string).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, `$1${REDACTED}@`],
];
const MAX_DEPTH = 8;

function scrubText(text: string): string {
  return SECRETS_IN_TEXT.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** What of an error is worth logging: never the error object itself, whose fields (a request's config) may hold keys. */
function errorFields(error: Error, depth: number): Record<string, unknown> {
  const { code, status } = error as { code?: unknown; status?: unknown };
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(cause !== undefined && depth < MAX_DEPTH ? { cause: cause instanceof Error ? errorFields(cause, depth + 1) : cause } : {}),
  };
}

/** Credentials out of everything logged, at any depth: by field name, and by their shape inside text. */
function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return scrub(errorFields(value, depth), depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    result[field] = SECRET_FIELD.test(field) && item !== null && item !== undefined ? REDACTED : scrub(item, depth + 1, seen);
  }
  return result;
}

export function createLogger(destination: DestinationStream, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors are already reduced to their safe fields by `scrub`; pino's serializer would copy every field back.
      serializers: { err: (value: unknown) => value },
      hooks: {
        // The message and its format arguments (a library's `log.error('failed: %s', url)`) are text too.
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubText(arg) : arg)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => scrub(bindings) as Record<string, unknown>,
        log: (object) => scrub(object) as Record<string, unknown>,
      },
    },
    destination,
  );
}

/** The process's one output, JSON lines on stdout; tests may point it elsewhere (`redirectLogOutput`). */
let output: DestinationStream = pino.destination({ dest: 1, sync: true });

/** The process-wide logger: one JSON line per event, credentials redacted. */
export const log: Logger = createLogger({ write: (line: string) => output.write(line) });

/** For tests: send the process logger's lines to `destination`; returns the function that restores stdout. */
export function redirectLogOutput(destination: DestinationStream): () => void {
  const previous = output;
  output = destination;
  return () => {
    output = previous;
  };
}

const contextOfErrors = new WeakMap<object, LogContext>();

/** Lets code that knows where an error happened (which store) say so to whoever finally logs it. */
export function withErrorContext<E>(error: E, context: LogContext): E {
  if (error !== null && typeof error === 'object') contextOfErrors.set(error, { ...contextOfErrors.get(error), ...context });
  return error;
}

/** An unexpected error, logged with its message, stack and cause, and the ids to trace it. */
export function logError(message: string, error: unknown, context: LogContext = {}, level: 'error' | 'warn' = 'error'): void {
  const attached = error !== null && typeof error === 'object' ? contextOfErrors.get(error) : undefined;
  const err = error instanceof Error ? error : { type: typeof error, message: String(error) };
  log[level]({ ...attached, ...context, err }, message);
}
