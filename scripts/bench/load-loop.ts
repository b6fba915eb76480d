import { percentile, round } from './stats';

export type LoadResult = { url: string; requests: number; concurrency: number; p50Ms: number; p95Ms: number; p99Ms: number; requestsPerSecond: number; errors: number };

/**
 * A small closed-loop load generator (autocannon is not installed): `concurrency` workers each send the
 * next request as soon as their previous one has been read in full, until `total` have been sent. Each
 * latency is request start → whole body received. The first `warmup` requests are sent the same way
 * and not counted. Anything but a 200 (a redirect to sign-in included) counts as an error.
 */
export async function loadTest(url: string, options: { cookie: string; total: number; warmup: number; concurrency: number }): Promise<LoadResult> {
  const fire = async (count: number, latencies: number[], errors: { count: number }) => {
    let sent = 0;
    const worker = async () => {
      while (sent < count) {
        sent += 1;
        const started = performance.now();
        try {
          const response = await fetch(url, { headers: { cookie: options.cookie }, redirect: 'manual' });
          await response.arrayBuffer();
          if (response.status !== 200) errors.count += 1;
        } catch {
          errors.count += 1;
        }
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };
  await fire(options.warmup, [], { count: 0 });
  const latencies: number[] = [];
  const errors = { count: 0 };
  const started = performance.now();
  await fire(options.total, latencies, errors);
  const seconds = (performance.now() - started) / 1000;
  return {
    url,
    requests: latencies.length,
    concurrency: options.concurrency,
    p50Ms: round(percentile(latencies, 50), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    requestsPerSecond: round(latencies.length / seconds, 1),
    errors: errors.count,
  };
}
