import { describe, expect, it } from 'vitest';
import { PACING_TRUSTED_MS, TargetPacing } from '@/lib/sync/target-pacing';

const NOW = 1_800_000_000_000;
const good = { level: 3, settled: true, previous: { inFlight: 2, msPerOrder: 150 }, msPerOrder: 140, savedAt: NOW - 1_000 };

describe('TargetPacing', () => {
  it('hands back what a slice remembered, through the carried record', () => {
    const pacing = new TargetPacing(null, NOW);
    expect(pacing.get('store-1')).toBeNull();
    pacing.remember('store-1', { concurrency: { level: 4, settled: true, previous: null }, msPerOrder: 7.5 }, NOW);
    const next = new TargetPacing(JSON.parse(JSON.stringify(pacing.toRecord())), NOW + 2_000);
    expect(next.get('store-1')).toEqual({ concurrency: { level: 4, settled: true, previous: null }, msPerOrder: 7.5 });
    expect(next.get('store-2')).toBeNull();
  });

  it('keeps a record saved within the trusted time, ignores an older one', () => {
    expect(new TargetPacing({ s: good }, NOW).get('s')?.concurrency.level).toBe(3);
    expect(new TargetPacing({ s: { ...good, savedAt: NOW - PACING_TRUSTED_MS - 1 } }, NOW).get('s')).toBeNull();
    expect(new TargetPacing({ s: { ...good, savedAt: NOW + PACING_TRUSTED_MS + 1 } }, NOW).get('s')).toBeNull();
  });

  it.each([
    ['no level', { ...good, level: undefined }],
    ['a level of 0', { ...good, level: 0 }],
    ['a fractional level', { ...good, level: 2.5 }],
    ['a string for settled', { ...good, settled: 'yes' }],
    ['a negative speed', { ...good, msPerOrder: -1 }],
    ['an infinite speed', { ...good, msPerOrder: Number.POSITIVE_INFINITY }],
    ['a judged level without speed', { ...good, previous: { inFlight: 2 } }],
    ['no time saved', { ...good, savedAt: undefined }],
    ['a string', 'fast'],
    ['null', null],
  ])('ignores a record with %s, keeping the others', (_, bad) => {
    const pacing = new TargetPacing({ bad, ok: good }, NOW);
    expect(pacing.get('bad')).toBeNull();
    expect(pacing.get('ok')).not.toBeNull();
  });

  it('ignores a carried value that is not a record at all', () => {
    expect(new TargetPacing('x' as unknown as Record<string, unknown>, NOW).toRecord()).toEqual({});
    expect(new TargetPacing(undefined, NOW).toRecord()).toEqual({});
  });
});
