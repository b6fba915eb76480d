import { describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '@/lib/accounts/errors';
import { liveAnswer } from '@/lib/actions/live-action';

async function drain<Step>(answer: { steps: AsyncIterable<Step>; outcome: Promise<unknown> }) {
  const seen: Step[] = [];
  for await (const step of answer.steps) seen.push(step);
  return { seen, outcome: await answer.outcome };
}

describe('an action answering live', () => {
  it('hands over each step while the work still runs, then the outcome', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const answer = liveAnswer<string, number>(async (onStep) => {
      onStep('reachable');
      await gate;
      onStep('keys');
      return 42;
    });
    const iterator = answer.steps[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 'reachable' });
    release();
    expect(await iterator.next()).toEqual({ done: false, value: 'keys' });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(await answer.outcome).toEqual({ ok: true, data: 42 });
  });

  it('ends the steps when the work fails, and says what a UserFacingError says', async () => {
    const { seen, outcome } = await drain(
      liveAnswer<string, never>(async (onStep) => {
        onStep('reachable');
        throw new UserFacingError('This store is already connected to this workspace.', 'already_connected');
      }),
    );
    expect(seen).toEqual(['reachable']);
    expect(outcome).toEqual({ ok: false, error: 'This store is already connected to this workspace.' });
  });

  it('tells nothing of an unexpected failure to the browser', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { outcome } = await drain(
        liveAnswer(async () => {
          throw new Error('connection string postgres://secret@db');
        }),
      );
      expect(outcome).toEqual({ ok: false, error: 'Something went wrong on our side. Try again in a moment.' });
      expect(JSON.stringify(logged.mock.calls)).not.toContain('secret');
    } finally {
      logged.mockRestore();
    }
  });
});
