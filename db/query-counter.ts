import 'server-only';

/** Counts SQL statements sent, so benchmarks can report queries per order and per workspace. */
export const queryCounter = {
  count: 0,
  increment() {
    this.count += 1;
  },
  reset() {
    this.count = 0;
  },
};
