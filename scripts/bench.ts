/**
 * `npm run bench [-- --json] [--pglite] [--scale 0.05] [--quick] [--naive-sample 0.25] [--slice-budget-ms 240000] [--only backfill,quiet,steady,memory,propagation]`
 * Measures the sync engine against simulator stores that cost what a real store costs (scaled), over
 * real HTTP and a real database; prints a table, or one JSON object with --json. Never fails on speed.
 */
import './bench/env';
import { parseArgs } from 'node:util';
import { benchBackfill } from './bench/backfill';
import { benchMemory } from './bench/memory';
import { benchPropagation } from './bench/propagation';
import { benchQuietTick } from './bench/quiet-tick';
import { benchSteady } from './bench/steady';
import { printTable, type BenchReport } from './bench/report';
import { BENCH_SIZES } from './bench/sizes';
import { scaledTuning } from './bench/scaled-tuning';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
    scale: { type: 'string', default: '0.05' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'naive-sample': { type: 'string', default: '0.25' },
    /** Unscaled milliseconds per slice (default Inngest's 240 s, scaled like the stores); a huge value runs unsliced. */
    'slice-budget-ms': { type: 'string' },
  },
});

const sizes = values.quick ? BENCH_SIZES.quick : BENCH_SIZES.full;
const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale < 0) throw new Error(`--scale must be a number ≥ 0, got ${values.scale}`);
const naiveSample = Number(values['naive-sample']);
if (!(naiveSample > 0 && naiveSample <= 1)) throw new Error(`--naive-sample must be in (0, 1], got ${values['naive-sample']}`);
const only = new Set((values.only ?? 'backfill,quiet,steady,memory,propagation').split(',').map((s) => s.trim()));
const log = (line: string) => process.stderr.write(`${line}\n`);
const pglite = values.pglite;
const sliceBudgetMs = values['slice-budget-ms'] === undefined ? undefined : Number(values['slice-budget-ms']);
if (sliceBudgetMs !== undefined && !(sliceBudgetMs > 0))
  throw new Error(`--slice-budget-ms must be a positive number, got ${values['slice-budget-ms']}`);
const tuning = scaledTuning(scale, sliceBudgetMs);
/** Like PHP's max_execution_time on many hosts; the cost model scales it with everything else. */
const STORE_TIME_LIMIT_MS = 30_000;

const report: BenchReport = {
  meta: {
    date: new Date().toISOString(),
    database: pglite ? 'pglite' : 'postgresql',
    costScale: scale,
    batchBudgetMs: tuning.batchBudgetMs ?? null,
    sliceBudgetMs: tuning.sliceBudgetMs ?? null,
    quick: values.quick,
  },
};
const failures: string[] = [];
/** A section that fails is reported as such; the others' figures are still printed. */
async function section<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!only.has(name)) return undefined;
  try {
    return await run();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return undefined;
  }
}
report.backfill = await section('backfill', () =>
  benchBackfill({ ...sizes.backfill, cost: { scale, timeLimitMs: STORE_TIME_LIMIT_MS }, naiveSample, tuning, pglite, log }),
);
report.quietTick = await section('quiet', () => benchQuietTick({ ...sizes.quiet, cost: { scale }, tuning, pglite, log }));
report.steady = await section('steady', () => benchSteady({ ...sizes.steady, cost: { scale }, tuning, pglite, log }));
report.memory = await section('memory', () => benchMemory({ ...sizes.memory, pglite, log }));
if (report.memory) {
  // The same pull at a tenth of the size: flat memory means about the same peak.
  const smaller = await section('memory', () => benchMemory({ orders: Math.round(sizes.memory.orders / 10), pglite, log }));
  if (smaller) report.memory.peakRssMbAtTenth = smaller.peakRssMb;
}
report.propagation = await section('propagation', () => benchPropagation({ ...sizes.propagation, cost: { scale }, tuning, pglite, log }));
report.meta.failures = failures;

if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else printTable(report);
process.exit(failures.length > 0 ? 1 : 0);
