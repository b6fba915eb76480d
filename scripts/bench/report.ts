import type { BackfillReport } from './backfill';
import type { MemoryReport } from './memory';
import type { PropagationReport } from './propagation';
import type { QuietTickReport } from './quiet-tick';
import type { SteadyReport } from './steady';

export type BenchReport = {
  backfill?: BackfillReport;
  quietTick?: QuietTickReport;
  steady?: SteadyReport;
  memory?: MemoryReport;
  propagation?: PropagationReport;
  meta: Record<string, unknown>;
};

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** The human-readable form: one row per figure, its target and whether it was met. */
export function printTable(report: BenchReport): void {
  const rows: Array<[string, string, string]> = [];
  const b = report.backfill;
  if (b) {
    rows.push(['backfill, default settings: orders / copies', `${b.orders} / ${b.copies}`, '']);
    rows.push([
      'backfill: requests vs lower bound',
      `${b.requests} / ${b.lowerBoundRequests} = ${fixed(b.requestRatio, 3)}×`,
      `≤ 1.05× ${verdict(b.requestRatio <= 1.05)}`,
    ]);
    rows.push(['backfill: requests per order', fixed(b.requestsPerOrder, 4), '']);
    rows.push([
      'backfill: wall vs lower bound',
      `${b.wallMs} / ${b.lowerBoundWallMs} ms = ${fixed(b.wallRatio)}×`,
      `≤ 1.5× ${verdict(b.wallRatio <= 1.5)}`,
    ]);
    rows.push(['backfill: copies per second (scaled)', fixed(b.ordersPerSecond, 0), '']);
    rows.push([
      'backfill: naive requests',
      `${b.naiveRequests} = ${fixed(b.naiveRequestRatio, 1)}× ours`,
      `≥ 20× ${verdict(b.naiveRequestRatio >= 20)}`,
    ]);
    rows.push(['backfill: naive wall', `${b.naiveWallMs} ms = ${fixed(b.naiveWallRatio, 1)}× ours`, '']);
    rows.push(['backfill: db queries per copy', fixed(b.dbQueriesPerOrder, 3), '']);
    rows.push(['backfill: peak RSS (engine process)', `${b.peakRssMb} MB`, '']);
    rows.push(['backfill, note on every copy (opt-in): requests', `${b.requestsWithNotes} (${b.wallMsWithNotes} ms)`, '']);
    rows.push(['backfill: substore requests in flight', `mean ${b.substoreInFlight.mean}, peak ${b.substoreInFlight.peak}`, '']);
    const c = b.sharedCores;
    rows.push([
      `backfill, workers sharing ${c.cores} cores: requests`,
      `${c.requests} / ${c.lowerBoundRequests} = ${fixed(c.requestRatio, 3)}×`,
      '',
    ]);
    rows.push([`backfill, workers sharing ${c.cores} cores: wall`, `${c.wallMs} / ${c.lowerBoundWallMs} ms = ${fixed(c.wallRatio)}×`, '']);
    rows.push([
      `backfill, workers sharing ${c.cores} cores: in flight`,
      `mean ${c.substoreInFlight.mean}, peak ${c.substoreInFlight.peak}`,
      '',
    ]);
  }
  const q = report.quietTick;
  if (q) {
    rows.push(['quiet tick: requests per store', fixed(q.requestsPerStore, 3), `= 1 ${verdict(q.requestsPerStore <= 1)}`]);
    rows.push(['quiet tick: queries per workspace', fixed(q.queriesPerWorkspace, 1), `≤ 10 ${verdict(q.queriesPerWorkspace <= 10)}`]);
    rows.push([`quiet tick: fleet of ${q.workspaces}`, `${q.wallMs} ms`, '']);
  }
  const s = report.steady;
  if (s) rows.push([`steady: ${s.workspaces} × ${s.ordersPerTick}/tick, checkout → copy`, `p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms`, '']);
  const m = report.memory;
  if (m)
    rows.push([
      `memory: ${m.orders}-order pull peak RSS`,
      `${m.peakRssMb} MB (${m.peakRssMbAtTenth ?? '?'} MB at a tenth)`,
      `< 300 MB ${verdict(m.peakRssMb < 300)}`,
    ]);
  const p = report.propagation;
  if (p) {
    rows.push([
      `propagation: ${p.stores} stores, ${p.orders} orders, ${p.dropRate * 100}% deliveries dropped`,
      `${p.arrived} of ${p.orders} arrived`,
      `100% ${verdict(p.arrived === p.orders)}`,
    ]);
    rows.push([
      'propagation: webhook delivered → copy on every target',
      `p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms, max ${p.maxMs} ms`,
      `p95 ≤ 5 s ${verdict(p.p95Ms <= 5_000)}`,
    ]);
    rows.push([
      'propagation: via webhooks / via polling',
      `${p.viaWebhook} / ${p.viaPolling} (${fixed(p.webhookShare * 100, 1)}% webhooks)`,
      '',
    ]);
    rows.push(['propagation: checkout → every copy, p95', `${p.checkoutP95Ms} ms`, '']);
    rows.push(['propagation: runs (webhook / poll), webhook run p50', `${p.webhookRuns} / ${p.pollRuns}, ${p.webhookRunP50Ms} ms`, '']);
    rows.push(['propagation: load average at the end', String(p.loadAverage), '']);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  console.log(`Orderbridge benchmarks — ${JSON.stringify(report.meta)}`);
  for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}`);
}
