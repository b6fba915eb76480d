import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWorkspace } from '@/lib/sync';
import { createTestDatabase, FAST_TUNING, startSyncWorld, type SyncWorld } from './sync-world';
import { updateStoreForTest } from '../support/sync-fixtures';
import type { TestDatabase } from '../support/test-database';

describe('a run lasts until every store has been read', () => {
  let database: TestDatabase;
  let world: SyncWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await startSyncWorld(database, { subs: [{}] });
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it('finishes a slow pull that no push depends on before reporting and releasing the workspace', async () => {
    const [main, sub] = world.sim.stores;
    await updateStoreForTest(database.db, world.fixture.subs[0].id, { receivesMainOrders: false, sendsOrdersToMain: false });
    for (let i = 0; i < 250; i += 1) main.createOrderDirectly();
    sub.createOrderDirectly();
    main.faults.configure({ latencyMs: 2_200 });

    const result = await syncWorkspace(database.db, world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
    expect(result.status).toBe('succeeded');
    expect(result.counts.pulled).toBe(251);
  }, 60_000);
});
