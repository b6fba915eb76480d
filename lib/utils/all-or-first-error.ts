/** Waits for every task, so none is still running when this returns, then throws the first failure. */
export async function allOrFirstError(tasks: Promise<unknown>[]): Promise<void> {
  const failure = (await Promise.allSettled(tasks)).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
