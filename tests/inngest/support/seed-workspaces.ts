import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

type Shape = 'active' | 'no-substore' | 'substores-paused' | 'no-main';

/**
 * Inserts `count` workspaces of one shape in a few set-based statements (fast enough for tens of thousands)
 * and returns their ids. Store credentials are placeholders: the scheduler never decrypts them.
 */
export async function seedWorkspaces(db: Db, prefix: string, count: number, shape: Shape): Promise<string[]> {
  const created = await db.execute<{ id: string }>(sql`
    insert into workspaces (slug, name)
    select ${prefix} || '-' || g, 'Workspace ' || ${prefix} || ' ' || g from generate_series(1, ${count}) g
    returning id`);
  const ids = rowsOf<{ id: string }>(created).map((r) => r.id);
  const store = (role: 'main' | 'sub', paused: boolean, host: string) => sql`
    insert into stores (workspace_id, role, name, url, consumer_key_encrypted, consumer_secret_encrypted, encryption_key_id, consumer_key_last4, paused)
    select w.id, ${role}, ${host}, 'http://' || ${host} || '-' || w.slug || '.test', 'k:iv:tag:x', 'k:iv:tag:y', 'k', 'abcd', ${paused}
    from workspaces w where w.slug like ${`${prefix}-%`}`;
  if (shape !== 'no-main') await db.execute(store('main', false, 'main'));
  if (shape === 'active' || shape === 'no-main') await db.execute(store('sub', false, 'sub-a'));
  if (shape === 'substores-paused') await db.execute(store('sub', true, 'sub-a'));
  if (shape === 'active') await db.execute(store('sub', true, 'sub-b'));
  return ids;
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
