/**
 * `npm run bench:ui [-- --json] [--no-build] [--count 100000] [--requests 400] [--concurrency 20] [--warmup 200] [--plans]`
 * Seeds a workspace with --count orders in a fresh PostgreSQL database (scripts/seed-orders.ts), starts the
 * production build, signs in, and loads `/orders` (first page, a filtered page, a search) with 20 requests
 * in flight, after `/api/health` as the machine's floor; prints p50/p95/p99, throughput and the server's CPU
 * per request, and with --plans the EXPLAIN ANALYZE of each statement.
 */
import './bench/env';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createBenchDatabase } from './bench/bench-db';
import { explainOrdersPage } from './bench/explain';
import { loadTest, type LoadResult } from './bench/load-test';
import { processGroupCpuMs } from './bench/process-cpu';
import { round } from './bench/stats';
import { signIn, startNextServer } from './bench/next-server';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    count: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '200' },
    plans: { type: 'boolean', default: false },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const warmup = Number(values.warmup);
if (!(total > 0 && concurrency > 0 && warmup >= 0))
  throw new Error('--requests and --concurrency must be positive numbers, --warmup zero or more');

if (values['no-build'] && existsSync('.next/BUILD_ID')) log('reusing the existing production build (.next)');
else {
  log('next build …');
  execFileSync('node_modules/.bin/next', ['build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

const database = await createBenchDatabase({ pglite: false });
const url = database.target.driver === 'node-postgres' ? database.target.url : '';
let stopServer: (() => Promise<void>) | null = null;
try {
  log(`seeding ${values.count} orders …`);
  const seeded = spawnSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/seed-orders.ts', '--count', values.count!], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr.slice(-2000)}`);
  const owner = JSON.parse(seeded.stdout.trim().split('\n').pop()!) as { workspaceId: string; email: string; password: string };

  const sample = await sampleOrder(url, owner.workspaceId);
  // The floor, not a page: a route that renders nothing and asks the database one `select 1`, under the same
  // load. What it costs is the framework and the machine, and it moves from machine to machine (or day to day
  // on a shared host) with everything else; the /orders figures are best read against it.
  const floor = { name: 'floor: /api/health', path: '/api/health', search: '' };
  const pages = [
    { name: 'first page', search: '' },
    { name: 'filtered (held copies)', search: 'sync=held' },
    { name: 'filtered (status + store)', search: `status=processing&store=${sample.storeId}` },
    { name: 'search by order number', search: `q=${encodeURIComponent(sample.number)}` },
    { name: 'search by email', search: `q=${encodeURIComponent(sample.email)}` },
  ];

  const server = await startNextServer(url);
  stopServer = server.stop;
  const cookie = await signIn(server.baseUrl, owner.email, owner.password);
  const results: Array<LoadResult & { name: string; isFloor: boolean; serverCpuMsPerRequest: number | null }> = [];
  for (const page of [floor, ...pages.map((p) => ({ ...p, path: '/orders' }))]) {
    const target = `${server.baseUrl}${page.path}${page.search ? `?${page.search}` : ''}`;
    log(`loading ${page.name}: ${total} requests, ${concurrency} at once …`);
    // A deployed server has been answering for hours; right after start, V8 is still compiling the render
    // path and the first few hundred pages cost up to twice the CPU. The warm-up is the same page, not counted.
    if (warmup > 0) await loadTest(target, { cookie, total: warmup, warmup: 0, concurrency });
    const cpuBefore = processGroupCpuMs(server.processGroup);
    const result = await loadTest(target, { cookie, total, warmup: 0, concurrency });
    const cpuAfter = processGroupCpuMs(server.processGroup);
    const serverCpuMsPerRequest = cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / result.requests, 1);
    results.push({ name: page.name, isFloor: page === floor, ...result, serverCpuMsPerRequest });
  }
  // One page at a time: the capture patches node-postgres globally.
  const plans = [];
  if (values.plans)
    for (const p of pages)
      plans.push({ page: p.name, search: p.search, statements: await explainOrdersPage(url, owner.workspaceId, p.search) });

  const report = { date: new Date().toISOString(), orders: Number(values.count), concurrency, warmup, results, plans };
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    console.log(`/orders at ${values.count} orders, ${concurrency} requests in flight (${report.date})`);
    for (const r of results) {
      const verdict = r.isFloor ? 'no target (the floor)' : `target p95 < 200 ms: ${r.p95Ms < 200 ? 'met' : 'MISSED'}`;
      console.log(
        `${r.name.padEnd(28)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  p99 ${r.p99Ms} ms  ${r.requestsPerSecond} req/s  server CPU ${r.serverCpuMsPerRequest ?? '?'} ms/request  errors ${r.errors}  ${verdict}`,
      );
    }
    for (const p of plans) {
      console.log(`\n## ${p.page} (/orders${p.search ? `?${p.search}` : ''})`);
      for (const s of p.statements) console.log(`\n${s.sql}\n${s.plan}`);
    }
  }
} finally {
  await stopServer?.();
  await database.drop();
}
process.exit(0);

/** An order of the seeded workspace to search for (its number and customer email) and its store. */
async function sampleOrder(databaseUrl: string, workspaceId: string): Promise<{ number: string; email: string; storeId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(
      'select number, customer_email, store_id from orders where workspace_id = $1 and customer_email is not null order by remote_id offset 500 limit 1',
      [workspaceId],
    );
    const row = result.rows[0] as { number: string; customer_email: string; store_id: string };
    return { number: row.number, email: row.customer_email, storeId: row.store_id };
  } finally {
    await client.end();
  }
}
