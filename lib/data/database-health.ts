import 'server-only';

import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** Throws unless the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
