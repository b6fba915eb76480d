import autocannon from 'autocannon';
import { percentile, round } from './stats';

export type LoadResult = {
  url: string;
  requests: number;
  concurrency: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  errors: number;
};

/**
 * Loads one URL with autocannon: `concurrency` connections, each sending its next request as soon as the
 * previous answer is in, until `total` have been answered, after `warmup` requests that are not counted.
 * Each latency is request sent → whole response received; the response is not decompressed, so the load
 * tool costs the shared cores little. Requests ask for gzip, as a browser does. Anything but a 200 (a
 * redirect to sign-in included), a connection error or a timeout counts as an error.
 */
export async function loadTest(
  url: string,
  options: { cookie: string; total: number; warmup: number; concurrency: number },
): Promise<LoadResult> {
  const run = async (amount: number) => {
    const latencies: number[] = [];
    let notOk = 0;
    const started = performance.now();
    // autocannon ends on its next one-second tick; throughput runs to the last answer instead.
    let lastAnswerAt = started;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections: options.concurrency,
          amount,
          timeout: 30,
          headers: { cookie: options.cookie, 'accept-encoding': 'gzip, deflate, br' },
        },
        (error, finished) => (error ? reject(error) : resolve(finished)),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        lastAnswerAt = performance.now();
        if (statusCode !== 200) notOk += 1;
      });
    });
    return { latencies, seconds: (lastAnswerAt - started) / 1000, errors: notOk + result.errors };
  };
  if (options.warmup > 0) await run(options.warmup);
  const { latencies, seconds, errors } = await run(options.total);
  return {
    url,
    requests: latencies.length,
    concurrency: options.concurrency,
    p50Ms: round(percentile(latencies, 50), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    requestsPerSecond: round(latencies.length / seconds, 1),
    errors,
  };
}
