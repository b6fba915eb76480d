import pg from 'pg';
import { openDatabase } from '@/db/client';
import { parseOrderListQuery } from '@/lib/console/order-list-query';
import { listOrders } from '@/lib/data/order-list';
import { countPendingOrders } from '@/lib/data/pending-counts';
import { lastSyncFinishedAt } from '@/lib/data/sync-runs';

type Captured = { text: string; values: unknown[] };

/**
 * The statements `/orders` runs for a query string, captured from node-postgres while running them in this
 * process, each with its EXPLAIN ANALYZE plan. The page calls listOrders and consolePendingCounts; the
 * latter reads the last run's end on every load and counts (countPendingOrders) only when its per-workspace copy
 * is stale, so both are listed here.
 */
export async function explainOrdersPage(
  databaseUrl: string,
  workspaceId: string,
  search: string,
): Promise<Array<{ sql: string; plan: string }>> {
  const captured: Captured[] = [];
  const original = pg.Client.prototype.query;
  const handle = await openDatabase({ driver: 'node-postgres', url: databaseUrl });
  try {
    const query = parseOrderListQuery(Object.fromEntries(new URLSearchParams(search)));
    // Patched only around these two calls, to learn the exact SQL and parameters the page sends.
    pg.Client.prototype.query = function capture(this: pg.Client, config: unknown, values?: unknown) {
      if (typeof config === 'string') captured.push({ text: config, values: (values as unknown[]) ?? [] });
      else if (config && typeof config === 'object' && 'text' in config)
        captured.push({
          text: String((config as { text: string }).text),
          values: (config as { values?: unknown[] }).values ?? (values as unknown[]) ?? [],
        });
      // eslint-disable-next-line prefer-rest-params
      return (original as (...args: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
    } as typeof original;
    await Promise.all([
      listOrders(handle.db, workspaceId, query),
      lastSyncFinishedAt(handle.db, workspaceId),
      countPendingOrders(handle.db, workspaceId),
    ]);
  } finally {
    pg.Client.prototype.query = original;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const plans = [];
    for (const statement of captured) {
      const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values as unknown[]);
      plans.push({ sql: statement.text, plan: result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n') });
    }
    return plans;
  } finally {
    await client.end();
    await handle.close();
  }
}
