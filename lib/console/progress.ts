/**
 * Turns the engine's live `sync_runs.progress` ({ phase, stores: [{ name, phase, pulled, done, total }],
 * done, total }) into one sentence. It is read defensively: a run that has written nothing yet reads
 * as "Starting…", and an unknown shape never breaks the indicator.
 */
export type ProgressView = { text: string; done: number | null; total: number | null };

type StoreProgressLike = { name?: unknown; phase?: unknown; pulled?: unknown; done?: unknown; total?: unknown };

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function textOr(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function storeSentence(store: StoreProgressLike): string | null {
  const name = textOr(store.name) ?? 'a store';
  const pulled = numberOr(store.pulled) ?? 0;
  const done = numberOr(store.done) ?? 0;
  const total = numberOr(store.total) ?? 0;
  if (store.phase === 'pulling') return `Reading new orders from ${name}${pulled ? ` (${pulled} so far)` : ''}`;
  if (store.phase === 'pushing') return total ? `Sending orders to ${name}: ${done} of ${total}` : `Sending orders to ${name}`;
  return null;
}

export function describeProgress(progress: Record<string, unknown> | null | undefined): ProgressView {
  if (!progress) return { text: 'Starting…', done: null, total: null };
  const done = numberOr(progress.done);
  const total = numberOr(progress.total) || null;
  const stores = Array.isArray(progress.stores) ? (progress.stores as StoreProgressLike[]) : [];
  const active = stores.map(storeSentence).filter((sentence): sentence is string => sentence !== null);
  if (active.length) return { text: `${active.join('; ')}.`, done, total };
  if (progress.phase === 'finishing') return { text: 'Finishing up…', done, total };
  if (progress.phase === 'pushing' && total) return { text: `Sending orders: ${done ?? 0} of ${total}.`, done, total };
  return { text: textOr(progress.message) ?? 'Starting…', done, total };
}
