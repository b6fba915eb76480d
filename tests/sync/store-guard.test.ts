import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWorkspace } from '@/lib/sync';
import { syncStartFor } from '@/lib/sync/link-planning';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from './sync-world';
import type { TestDatabase } from '@/tests/support/test-database';

describe('sync start', () => {
  it('counts an order placed in the very second the store was connected (WooCommerce dates have whole seconds)', () => {
    const connectedAt = new Date('2026-11-27T10:00:00.700Z');
    expect(syncStartFor({ syncStartAt: null }, { connectedAt }).toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });
});

describe('the engine reaches stores only through the SSRF guard', () => {
  let database: TestDatabase;
  let world: SyncWorld;
  const previous = process.env.ALLOW_PRIVATE_STORE_URLS;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}] });
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.ALLOW_PRIVATE_STORE_URLS;
    else process.env.ALLOW_PRIVATE_STORE_URLS = previous;
    await world?.close();
    await database?.drop();
  });

  it('refuses stores on loopback addresses unless ALLOW_PRIVATE_STORE_URLS is set', async () => {
    world.sim.stores[0].createOrderDirectly();
    process.env.ALLOW_PRIVATE_STORE_URLS = 'false';
    const refused = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
    expect(refused.status).not.toBe('succeeded');
    expect(refused.counts.toSub.created).toBe(0);
    expect(world.sim.stores[0].requestCount).toBe(0);
    expect(JSON.stringify(refused.errors)).toMatch(/private|loopback|not allowed|refused/i);

    process.env.ALLOW_PRIVATE_STORE_URLS = 'true';
    const allowed = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
    expect(allowed.counts.toSub.created).toBe(1);
  });
});
