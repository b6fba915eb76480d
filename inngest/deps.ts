import { getDb, type Db } from '@/db/client';
import type { SliceRequest } from '@/lib/sync';

/** What the functions need from the outside world; tests hand in their own database (and may tune the engine). */
export type FunctionDeps = {
  db: () => Promise<Db>;
  engine?: Pick<SliceRequest, 'tuning' | 'crashAt' | 'onProgress'> & { sliceBudgetMs?: number };
};

export const appDeps: FunctionDeps = { db: getDb };
