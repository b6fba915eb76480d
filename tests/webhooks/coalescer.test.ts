import { describe, expect, it } from 'vitest';
import { Coalescer, type CoalescedOutcome } from '@/lib/webhooks/coalescer';
import { sleep } from '@/lib/utils/sleep';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('coalescing webhook syncs in one process', () => {
  it('starts one run for a burst of requests', async () => {
    const coalescer = new Coalescer({ debounceMs: 30, busyRetryMs: 10, maxBusyRetries: 3 });
    let runs = 0;
    for (let index = 0; index < 100; index++) coalescer.request('ws', async () => ((runs += 1), 'done'));
    await coalescer.idle('ws');
    expect(runs).toBe(1);
  });

  it('runs exactly once more after a run during which requests arrived, with the newest request', async () => {
    const coalescer = new Coalescer({ debounceMs: 5, busyRetryMs: 10, maxBusyRetries: 3 });
    const first = gate();
    const seen: string[] = [];
    coalescer.request('ws', async () => {
      seen.push('first');
      await first.opened;
      return 'done';
    });
    await sleep(30);
    for (let index = 0; index < 10; index++) coalescer.request('ws', async () => (seen.push(`follow-up ${index}`), 'done'));
    first.open();
    await coalescer.idle('ws');
    expect(seen).toEqual(['first', 'follow-up 9']);
  });

  it('keeps workspaces apart', async () => {
    const coalescer = new Coalescer({ debounceMs: 5, busyRetryMs: 10, maxBusyRetries: 3 });
    const seen: string[] = [];
    for (const key of ['a', 'b', 'a', 'b']) coalescer.request(key, async () => (seen.push(key), 'done'));
    await Promise.all([coalescer.idle('a'), coalescer.idle('b')]);
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('tries a busy workspace again until a run covers the request, and gives up after its retries', async () => {
    const coalescer = new Coalescer({ debounceMs: 5, busyRetryMs: 5, maxBusyRetries: 3 });
    const outcomes: CoalescedOutcome[] = ['busy', 'busy', 'covered'];
    let calls = 0;
    coalescer.request('ws', async () => outcomes[calls++]);
    await coalescer.idle('ws');
    expect(calls).toBe(3);
    let busyCalls = 0;
    coalescer.request('ws', async () => ((busyCalls += 1), 'busy'));
    await coalescer.idle('ws');
    expect(busyCalls).toBe(4);
  });

  it('survives a run that throws', async () => {
    const coalescer = new Coalescer({ debounceMs: 5, busyRetryMs: 5, maxBusyRetries: 1 });
    coalescer.request('ws', async () => {
      throw new Error('store down');
    });
    await coalescer.idle('ws');
    let ran = false;
    coalescer.request('ws', async () => ((ran = true), 'done'));
    await coalescer.idle('ws');
    expect(ran).toBe(true);
  });
});
