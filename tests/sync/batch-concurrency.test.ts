import { describe, expect, it } from 'vitest';
import { BatchConcurrency, SAMPLES_PER_LEVEL } from '@/lib/sync/batch-concurrency';

/** Feeds one level's worth of answered batches, each sent with `inFlight` requests out. */
function answer(c: BatchConcurrency, msPerOrder: number, inFlight = c.limit) {
  for (let i = 0; i < SAMPLES_PER_LEVEL; i += 1) c.observe(msPerOrder, inFlight);
}

describe('BatchConcurrency', () => {
  it('climbs to the maximum while each extra request keeps its speed (independent workers)', () => {
    const c = new BatchConcurrency(4);
    expect(c.limit).toBe(2);
    answer(c, 150);
    expect(c.limit).toBe(3);
    answer(c, 151);
    expect(c.limit).toBe(4);
    answer(c, 150);
    answer(c, 300);
    expect(c.limit).toBe(4);
  });

  it('keeps the level before when the store only answers each request more slowly (shared cores)', () => {
    const c = new BatchConcurrency(4);
    answer(c, 150);
    expect(c.limit).toBe(3);
    // 3 in flight at 225 ms per order is the same throughput as 2 at 150: not worth the load.
    answer(c, 225);
    expect(c.limit).toBe(2);
    answer(c, 100);
    expect(c.limit).toBe(2);
  });

  it('judges a sent request by how many were out when it was sent, counting those still out', async () => {
    const c = new BatchConcurrency(4);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // One request stays out while three more are answered: each of those went out with two or more in flight.
    const first = c.send(async (answered) => {
      await held;
      answered(150);
    });
    for (let i = 0; i < SAMPLES_PER_LEVEL; i += 1) await c.send(async (answered) => answered(150));
    expect(c.limit).toBe(3);
    release();
    await first;
    // Alone now, a request went out with one in flight: below the level judged, so it is ignored.
    for (let i = 0; i < SAMPLES_PER_LEVEL; i += 1) await c.send(async (answered) => answered(1));
    expect(c.limit).toBe(3);
  });

  it('ignores batches sent with fewer requests out than the level it is judging', () => {
    const c = new BatchConcurrency(4);
    answer(c, 150, 1);
    expect(c.limit).toBe(2);
    answer(c, 150, 2);
    expect(c.limit).toBe(3);
  });

  it('backs off by one for good after a timeout or a slow-down answer', () => {
    const c = new BatchConcurrency(4);
    answer(c, 150);
    c.backOff();
    expect(c.limit).toBe(2);
    answer(c, 50);
    expect(c.limit).toBe(2);
    c.backOff();
    c.backOff();
    expect(c.limit).toBe(1);
  });

  it('never exceeds a maximum below the starting level', () => {
    expect(new BatchConcurrency(1).limit).toBe(1);
    const c = new BatchConcurrency(1);
    answer(c, 10);
    expect(c.limit).toBe(1);
  });

  it('resumes a settled level where it was left: no new ramp', () => {
    const c = BatchConcurrency.resume(4, { level: 3, settled: true, previous: null });
    expect(c.limit).toBe(3);
    answer(c, 10);
    expect(c.limit).toBe(3);
    expect(BatchConcurrency.resume(4, c.state()).limit).toBe(3);
  });

  it('resumes a ramp mid-way, still judging the next level against the one before', () => {
    const first = new BatchConcurrency(4);
    answer(first, 150);
    expect(first.limit).toBe(3);
    const c = BatchConcurrency.resume(4, first.state());
    expect(c.limit).toBe(3);
    // 3 in flight at 225 ms per order is no gain over 2 at 150: back to 2, for good.
    answer(c, 225);
    expect(c.limit).toBe(2);
    expect(c.state()).toEqual({ level: 2, settled: true, previous: { inFlight: 2, msPerOrder: 150 } });
  });

  it('resumes within today’s maximum, and from the start without a state', () => {
    expect(BatchConcurrency.resume(2, { level: 4, settled: false, previous: null }).limit).toBe(2);
    expect(BatchConcurrency.resume(4, null).limit).toBe(2);
    expect(BatchConcurrency.resume(4, null).state()).toEqual({ level: 2, settled: false, previous: null });
  });

  it('counts the requests it sent', async () => {
    const c = new BatchConcurrency(4);
    await c.send(async () => undefined);
    await c.send(async () => undefined);
    expect(c.sent).toBe(2);
  });
});
