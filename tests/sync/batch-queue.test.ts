import { describe, expect, it } from 'vitest';
import { BatchQueue } from '@/lib/sync/batch-queue';
import { sleep } from '@/lib/utils/sleep';

describe('BatchQueue', () => {
  it('hands out full batches only, then the part-filled rest once closed', async () => {
    const queue = new BatchQueue<number>(1000);
    await queue.push([1, 2, 3]);
    const full = queue.take(() => 2);
    await expect(full).resolves.toEqual([1, 2]);
    let taken: number[] | null | undefined;
    const partial = queue.take(() => 2).then((batch) => (taken = batch));
    await Promise.resolve();
    expect(taken).toBeUndefined();
    queue.close();
    await partial;
    expect(taken).toEqual([3]);
    await expect(queue.take(() => 2)).resolves.toBeNull();
    expect(queue.finished).toBe(true);
  });

  it('waits for items pushed later, at the size asked for when they arrive', async () => {
    const queue = new BatchQueue<number>(1000);
    let size = 3;
    const pending = queue.take(() => size);
    await queue.push([1, 2]);
    size = 2;
    await queue.push([3]);
    await expect(pending).resolves.toEqual([1, 2]);
  });

  it('holds the producer while full and lets it go as batches are taken', async () => {
    const queue = new BatchQueue<number>(4);
    let pushed = false;
    const producer = queue.push([1, 2, 3, 4, 5]).then(() => (pushed = true));
    await sleep(5);
    expect(pushed).toBe(false);
    await queue.take(() => 2);
    await producer;
    expect(pushed).toBe(true);
  });

  it('stops producer and takers with the first failure', async () => {
    const queue = new BatchQueue<number>(2);
    const producer = queue.push([1, 2, 3]);
    const idle = queue.idle();
    queue.fail(new Error('store gone'));
    await expect(producer).rejects.toThrow('store gone');
    await expect(idle).rejects.toThrow('store gone');
    await expect(queue.take(() => 1)).rejects.toThrow('store gone');
  });
});
