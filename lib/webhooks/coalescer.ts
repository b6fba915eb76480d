import { sleep } from '@/lib/utils/sleep';

/** What a coalesced run reports: done, covered by a run that started after the request, or the workspace was busy. */
export type CoalescedOutcome = 'done' | 'covered' | 'busy';

export type CoalescerOptions = {
  /** Requests within this window after the first start one run. */
  debounceMs: number;
  /** A busy workspace (another kind of run holds it) is tried again after this long… */
  busyRetryMs: number;
  /** …this many times; after that the next scheduled tick picks the orders up. */
  maxBusyRetries: number;
};

type Slot = { timer: NodeJS.Timeout | null; running: Promise<void> | null; again: boolean; run: () => Promise<CoalescedOutcome> };

/**
 * Collapses bursts of requests per key (a workspace) into one run in this process: the first request starts a
 * short debounce, later ones join it; a request while the run is going makes exactly one more run afterwards.
 */
export class Coalescer {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly options: CoalescerOptions) {}

  /** `run` is the latest request's: the follow-up run sees the newest request time. */
  request(key: string, run: () => Promise<CoalescedOutcome>): void {
    const slot = this.slots.get(key);
    if (slot) {
      slot.run = run;
      if (slot.running) slot.again = true;
      return;
    }
    const fresh: Slot = { timer: null, running: null, again: false, run };
    fresh.timer = setTimeout(() => this.start(key, fresh), this.options.debounceMs);
    this.slots.set(key, fresh);
  }

  /** Resolves when the key has no pending or running work (tests, shutdown). */
  async idle(key: string): Promise<void> {
    for (let slot = this.slots.get(key); slot; slot = this.slots.get(key)) {
      if (slot.running) await slot.running;
      else await sleep(10);
    }
  }

  private start(key: string, slot: Slot): void {
    slot.timer = null;
    slot.running = this.loop(slot).finally(() => {
      if (this.slots.get(key) === slot) this.slots.delete(key);
    });
  }

  private async loop(slot: Slot): Promise<void> {
    let busyRetries = 0;
    do {
      slot.again = false;
      const outcome = await slot.run().catch((): CoalescedOutcome => 'done');
      if (outcome === 'busy' && busyRetries < this.options.maxBusyRetries) {
        busyRetries += 1;
        await sleep(this.options.busyRetryMs);
        slot.again = true;
      }
    } while (slot.again);
  }
}
