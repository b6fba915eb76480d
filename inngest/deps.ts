import { getDb, type Db } from '../db/client';

/** What the functions need from the outside world; tests hand in their own database. */
export type FunctionDeps = { db: () => Promise<Db> };

export const appDeps: FunctionDeps = { db: getDb };
