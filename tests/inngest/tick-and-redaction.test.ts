import { describe, expect, it } from 'vitest';
import { workspaceSyncRequestedData } from '@/inngest/events';
import { describeAbandonedSync, redactCredentials } from '@/lib/sync-schedule/failure';
import { scheduleTick } from '@/lib/sync-schedule/tick';

describe('scheduleTick', () => {
  it('names the 5-minute slot a moment falls in, in UTC', () => {
    expect(scheduleTick(Date.parse('2026-05-01T10:04:59.999Z'))).toBe('2026-05-01T10:00Z');
    expect(scheduleTick(Date.parse('2026-05-01T10:05:00.000Z'))).toBe('2026-05-01T10:05Z');
    expect(scheduleTick(new Date('2026-12-31T23:59:59+00:00'))).toBe('2026-12-31T23:55Z');
  });
  it('produces ticks the event schema accepts, and refuses an invalid time', () => {
    const tick = scheduleTick(Date.now());
    expect(workspaceSyncRequestedData.safeParse({ workspaceId: '00000000-0000-4000-8000-000000000000', tick }).success).toBe(true);
    expect(
      workspaceSyncRequestedData.safeParse({ workspaceId: '00000000-0000-4000-8000-000000000000', tick: '2026-05-01T10:05:00Z' }).success,
    ).toBe(false);
    expect(() => scheduleTick(Number.NaN)).toThrow('scheduleTick needs a valid time');
  });
});

describe('failure descriptions for the sync history', () => {
  it('cut out keys, OAuth parameters, auth headers and URL user info', () => {
    const message =
      'GET https://user:hunter2@shop.test/wp-json/wc/v3/orders?oauth_consumer_key=ck_abcdef0123456789&oauth_signature=abc%3D failed; ' +
      'Authorization: Basic Y2tfYWJjOmNzX2RlZg== ; secret cs_0123456789abcdef0123';
    const redacted = redactCredentials(message);
    expect(redacted).toBe(
      'GET https://[redacted]@shop.test/wp-json/wc/v3/orders?oauth_consumer_key=[redacted]&oauth_signature=[redacted] failed; ' +
        'Authorization: Basic [redacted] ; secret [redacted]',
    );
  });
  it('keep the message readable and bounded', () => {
    expect(describeAbandonedSync({ name: 'Error', message: 'x'.repeat(2_000) }, 4).error).toHaveLength(500);
    expect(describeAbandonedSync({ name: 'TimeoutError', message: '' }, 1)).toEqual({
      error: 'TimeoutError',
      summary: 'Scheduled sync failed after 1 attempt: TimeoutError',
    });
  });
});
