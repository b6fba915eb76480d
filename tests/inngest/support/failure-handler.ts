import type { InngestFunction } from 'inngest';

type Executable = InngestFunction.Like & { createExecution: (opts: { partialOptions: Record<string, unknown> }) => unknown };

/**
 * The function's `onFailure` handler as @inngest/test can run it: the same function object, executed the way
 * the serve handler executes `<fn>-failure` (handlerKind "failure"), since @inngest/test 1.0 only runs main handlers.
 */
export function asFailureHandler(fn: InngestFunction.Like): InngestFunction.Like {
  const original = fn as Executable;
  const wrapper = Object.create(original) as Executable;
  wrapper.createExecution = (opts) => original.createExecution({ partialOptions: { ...opts.partialOptions, handlerKind: 'failure' } });
  return wrapper;
}

/** The `inngest/function.failed` event Inngest sends once a run has used up its retries. */
export function functionFailedEvent(
  functionId: string,
  original: { name: string; data: Record<string, unknown>; ts: number },
  message: string,
) {
  return {
    name: 'inngest/function.failed',
    data: {
      function_id: functionId,
      run_id: '01JTESTRUN0000000000000000',
      error: { name: 'Error', message, stack: `Error: ${message}\n    at sync` },
      event: original,
    },
    ts: Date.now(),
  };
}
