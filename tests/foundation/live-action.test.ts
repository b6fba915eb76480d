import { describe, expect, it } from 'vitest';
import { UserFacingError } from '@/lib/errors';
import { liveAnswer } from '@/lib/actions/live-action';
import { redirectLogOutput } from '@/lib/log';

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

  it('tells nothing of an unexpected failure to the browser, and the server log all of it but credentials', async () => {
    const lines: string[] = [];
    const restore = redirectLogOutput({ write: (line: string) => void lines.push(line) });
    try {
      const { outcome } = await drain(
        liveAnswer(
          async () => {
            throw new Error('connection to postgres://orderbridge:hunter2@db failed');
          },
          { workspaceId: 'workspace-1', storeId: 'store-1' },
        ),
      );
      expect(outcome).toEqual({ ok: false, error: 'Something went wrong on our side. Try again in a moment.' });
      const [line] = lines.map((l) => JSON.parse(l) as { workspaceId: string; storeId: string; err: { message: string; stack: string } });
      expect(line).toMatchObject({
        workspaceId: 'workspace-1',
        storeId: 'store-1',
        err: { message: 'connection to postgres://[redacted]@db failed' },
      });
      expect(line.err.stack).toMatch(/live-action\.test\.ts:\d+/);
      expect(lines.join('')).not.toContain('hunter2');
    } finally {
      restore();
    }
  });
});
