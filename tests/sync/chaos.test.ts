import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { resultRows } from '@/db/client';
import { randomUUID } from 'node:crypto';
import { syncWorkspace, syncWorkspaceSlice, type SyncTuning } from '@/lib/sync';
import { startSimulator, type FaultKind, type StoreHandle } from '@/simulator';
import { FAULT_KINDS } from '@/simulator/faults';
import { SeededRandom } from '@/simulator/random';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { createSyncWorkspace, endpointOf } from '@/tests/support/sync-fixtures';
import { sleep } from '@/lib/utils/sleep';

const SCENARIOS = Number(process.env.CHAOS_SCENARIOS ?? 200);
const FAULTS: readonly FaultKind[] = FAULT_KINDS;

const CHAOS_TUNING: Partial<SyncTuning> = {
  retry: { attempts: 3, baseDelayMs: 2, maxDelayMs: 20 },
  connectTimeoutMs: 1_000,
  responseTimeoutMs: 300,
  batchTimeoutMs: 300,
  staleClaimGraceMs: 0,
  retryLaterMs: 0,
  leaseWaitMs: 0,
};

type Tally = {
  scenarios: number;
  refunds: number;
  duplicates: number;
  lost: number;
  crashes: number;
  faults: number;
  slices: number;
  gaps: number;
  details: string[];
};

/** The process is gone: let its last aborted requests settle, then its lease expires. */
async function expireLease(database: TestDatabase, ws: string) {
  await sleep(20);
  await database.db.execute(sql`update sync_leases set expires_at = now() - interval '1 second' where workspace_id = ${ws}`);
}

/**
 * A run in slices of a few milliseconds, as the Inngest function runs it. A slice may crash, or the process
 * may die between two slices; then either the run is retried (the same run id continues) or it is abandoned
 * and its lease expires (the next run takes the workspace over and closes it as interrupted).
 */
async function slicedRun(database: TestDatabase, ws: string, rng: SeededRandom, tally: Tally, crashAfter: number): Promise<void> {
  const runId = randomUUID();
  const budgetMs = rng.integer(0, 40);
  let checkpoints = 0;
  for (let slice = 0; slice < 400; slice += 1) {
    if (rng.next() < 0.1) {
      tally.gaps += 1;
      if (rng.next() < 0.5) return expireLease(database, ws);
    }
    tally.slices += 1;
    try {
      const outcome = await syncWorkspaceSlice(database.db, ws, {
        trigger: 'schedule',
        runId,
        budgetMs,
        tuning: CHAOS_TUNING,
        crashAt: () => crashAfter > 0 && ++checkpoints === crashAfter,
      });
      if (outcome.state !== 'more') return;
    } catch (error) {
      if ((error as Error).name !== 'SimulatedCrash') throw error;
      tally.crashes += 1;
      if (rng.next() < 0.5) return expireLease(database, ws);
      await sleep(20);
    }
  }
  throw new Error(`a run of ${ws} did not finish in 400 slices`);
}

type SourceRefund = { sub: number; orderId: number; refundId: number };

/**
 * Every source order must exist exactly once on every target it should, and every refund of a substore order
 * exactly once on its main-store copy (found by its marker), judged from the stores' own data.
 */
function audit(
  mainId: string,
  subIds: string[],
  main: StoreHandle,
  subs: StoreHandle[],
  mainOrders: number[],
  subOrders: number[][],
  refunds: SourceRefund[],
) {
  let duplicates = 0;
  let lost = 0;
  const details: string[] = [];
  for (const refund of refunds) {
    const origin = `${subIds[refund.sub]}:${refund.orderId}`;
    const marker = `${origin}:${refund.refundId}`;
    const copies = main.orders.withMeta('_orderbridge_origin', origin);
    const n = copies
      .flatMap((c) => main.orders.refunds(c.id))
      .filter((r) => r.meta_data.some((m) => m.key === '_orderbridge_refund_origin' && m.value === marker)).length;
    if (n > 1) duplicates += n - 1;
    if (n === 0) lost += 1;
    if (n !== 1) details.push(`refund ${marker} is on the main store ${n} times`);
  }
  const check = (target: StoreHandle, origin: string) => {
    const n = target.orders.withMeta('_orderbridge_origin', origin).length;
    if (n > 1) duplicates += n - 1;
    if (n === 0) lost += 1;
    if (n !== 1) details.push(`${origin} has ${n} copies on ${target.name}`);
  };
  for (const id of mainOrders) for (const sub of subs) check(sub, `${mainId}:${id}`);
  subOrders.forEach((ids, i) => ids.forEach((id) => check(main, `${subIds[i]}:${id}`)));
  // Copies of copies would show up as extra orders.
  const expectedMain = mainOrders.length + subOrders.flat().length;
  if (main.orders.count > expectedMain) details.push(`main holds ${main.orders.count - expectedMain} unexpected orders`);
  subs.forEach((sub, i) => {
    const expected = subOrders[i].length + mainOrders.length;
    if (sub.orders.count > expected) details.push(`${sub.name} holds ${sub.orders.count - expected} unexpected orders`);
  });
  return { duplicates, lost, details };
}

async function runScenario(database: TestDatabase, seed: number, tally: Tally): Promise<void> {
  const rng = new SeededRandom(seed);
  const sim = await startSimulator({
    stores: [
      { name: 'Main', seed },
      { name: 'Sub A', seed: seed + 1 },
      { name: 'Sub B', seed: seed + 2 },
    ],
  });
  try {
    const [main, ...subs] = sim.stores;
    const fixture = await createSyncWorkspace(database.db, {
      main: endpointOf(main),
      subs: subs.map((s) => endpointOf(s)),
      settings: { syncStartAt: new Date(Date.now() - 60_000), addCopyNote: rng.next() < 0.5 },
    });
    const ws = fixture.workspace.id;
    const mainOrders: number[] = [];
    const subOrders: number[][] = subs.map(() => []);
    const refunds: SourceRefund[] = [];
    const newOrders = () => {
      for (let i = rng.integer(1, 6); i > 0; i -= 1) mainOrders.push(main.createOrderDirectly().id);
      subs.forEach((sub, s) => {
        for (let i = rng.integer(0, 2); i > 0; i -= 1) subOrders[s].push(sub.createOrderDirectly().id);
        // Some substore orders, copied already or not, are partly refunded (a small amount: the copy can always take it).
        // A second later (a change within the second the order was read is tests/sync/same-second-change.test.ts's case).
        sub.clock.advance(1_000);
        for (const orderId of subOrders[s]) {
          if (rng.next() >= 0.3 || refunds.filter((r) => r.sub === s && r.orderId === orderId).length >= 2) continue;
          refunds.push({
            sub: s,
            orderId,
            refundId: sub.refundOrderDirectly(orderId, { amount: '1.00', reason: 'chaos', api_refund: false }).id,
          });
        }
      });
    };
    // Some scenarios start with a backfill of a few pages, so sliced runs stop mid-pull and mid-push.
    if (rng.next() < 0.15) {
      main.seedOrders(rng.integer(110, 180), { spacingMs: 50 });
      mainOrders.push(...main.orders.all().map((o) => o.id));
    }
    newOrders();
    for (const store of sim.stores) {
      const rates: Partial<Record<FaultKind, number>> = {};
      for (let i = rng.integer(1, 3); i > 0; i -= 1) rates[FAULTS[rng.integer(0, FAULTS.length - 1)]] = 0.05 + rng.next() * 0.15;
      store.faults.configure({ seed: seed * 7 + store.port, rates, retryAfterSeconds: 0, hangMs: null });
    }

    for (let run = rng.integer(1, 3); run > 0; run -= 1) {
      const crashAfter = rng.next() < 0.6 ? rng.integer(1, 14) : 0;
      let checkpoints = 0;
      if (rng.next() < 0.5) {
        await slicedRun(database, ws, rng, tally, crashAfter);
        if (rng.next() < 0.5) newOrders();
        continue;
      }
      try {
        await syncWorkspace(database.db, ws, {
          trigger: 'schedule',
          tuning: CHAOS_TUNING,
          crashAt: () => crashAfter > 0 && ++checkpoints === crashAfter,
        });
      } catch (error) {
        if ((error as Error).name !== 'SimulatedCrash') throw error;
        tally.crashes += 1;
        // The crashed process is gone: let its last aborted requests settle, then its lease expires.
        await sleep(20);
        await database.db.execute(sql`update sync_leases set expires_at = now() - interval '1 second' where workspace_id = ${ws}`);
      }
      if (rng.next() < 0.5) newOrders();
    }

    for (const store of sim.stores) {
      tally.faults += Object.values(store.faults.injected).reduce((a, b) => a + b, 0);
      store.faults.clear();
    }
    const clean = await syncWorkspace(database.db, ws, { trigger: 'sync_now', tuning: CHAOS_TUNING });
    if (clean.status === 'already_running') throw new Error(`scenario ${seed}: the clean run found the lease taken`);
    const result = audit(
      fixture.main.id,
      fixture.subs.map((s) => s.id),
      main,
      subs,
      mainOrders,
      subOrders,
      refunds,
    );
    const open = resultRows<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from sync_runs where workspace_id = ${ws} and status = 'running'`),
    );
    const stillRunning = Number(open[0]?.n ?? 0);
    if (stillRunning > 0) result.details.push(`${stillRunning} run(s) left running after the clean run`);
    tally.refunds += refunds.length;
    tally.duplicates += result.duplicates;
    tally.lost += result.lost;
    tally.details.push(...result.details.map((d) => `scenario ${seed}: ${d}`));
    tally.scenarios += 1;
  } finally {
    await sim.close();
  }
}

describe('chaos: faults and crashes, then a clean run', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it(
    `every source order, and every substore refund, ends up exactly once on every target across ${SCENARIOS} seeded scenarios`,
    { timeout: 30 * 60_000 },
    async () => {
      const tally: Tally = { scenarios: 0, refunds: 0, duplicates: 0, lost: 0, crashes: 0, faults: 0, slices: 0, gaps: 0, details: [] };
      const firstSeed = Number(process.env.CHAOS_SEED ?? 1);
      for (let seed = firstSeed; seed < firstSeed + SCENARIOS; seed += 1) await runScenario(database, seed, tally);
      console.log(
        `chaos: ${tally.scenarios} scenarios, ${tally.refunds} refunds, ${tally.duplicates} duplicates, ${tally.lost} lost (${tally.crashes} engine crashes, ${tally.faults} store faults, ${tally.slices} slices, ${tally.gaps} deaths between slices)`,
      );
      expect(tally.details).toEqual([]);
      expect(tally.scenarios).toBe(SCENARIOS);
    },
  );
});
