/**
 * Turns the engine's live `sync_runs.progress` into one sentence. The shape is read defensively:
 * a run that has written nothing yet still reads as "Starting…".
 */
export type ProgressView = { text: string; done: number | null; total: number | null };

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function textOr(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export function describeProgress(progress: Record<string, unknown> | null | undefined): ProgressView {
  if (!progress) return { text: 'Starting…', done: null, total: null };
  const done = numberOr(progress.done) ?? numberOr(progress.processed);
  const total = numberOr(progress.total);
  const message = textOr(progress.message) ?? textOr(progress.summary);
  if (message) return { text: message, done, total };
  const store = textOr(progress.storeName) ?? textOr(progress.store);
  const phase = textOr(progress.phase) ?? textOr(progress.step);
  const parts = [phase ? phase.charAt(0).toUpperCase() + phase.slice(1) : 'Syncing', store ? `— ${store}` : null];
  if (done !== null) parts.push(total !== null ? `: ${done} of ${total} done` : `: ${done} done`);
  return { text: parts.filter(Boolean).join(' ').replace(' :', ':'), done, total };
}
