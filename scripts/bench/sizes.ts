/** The sizes, and a toy version of each (same code paths) for the smoke test and quick looks. */
export const BENCH_SIZES = {
  full: {
    backfill: { mainOrders: 10_000, subOrders: 2_000, subs: 3 },
    quiet: { workspaces: 1_000, storesPerWorkspace: 3 },
    steady: { workspaces: 200, ordersPerTick: 20, ticks: 3 },
    memory: { orders: 100_000 },
    propagation: {
      stores: 50,
      durationMs: 60_000,
      ordersPerSecond: 2,
      mainShare: 0.3,
      webhooks: { delayMs: 500, delayJitterMs: 2_000, lostRate: 0.1 },
      pollEveryMs: 30_000,
    },
  },
  quick: {
    backfill: { mainOrders: 250, subOrders: 60, subs: 3 },
    quiet: { workspaces: 20, storesPerWorkspace: 3 },
    steady: { workspaces: 4, ordersPerTick: 5, ticks: 2 },
    memory: { orders: 1_000 },
    propagation: {
      stores: 5,
      durationMs: 5_000,
      ordersPerSecond: 2,
      mainShare: 0.3,
      webhooks: { delayMs: 200, delayJitterMs: 500, lostRate: 0.2 },
      pollEveryMs: 5_000,
    },
  },
};
