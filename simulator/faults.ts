import { SeededRandom } from './random';

/**
 * What can go wrong with a request, as real hosts fail:
 * - error500/502/503, rateLimit429, htmlInsteadOfJson, hang, drop: before the store does anything;
 * - commitThenDrop, commitThenError500: the store does the work, then the client never hears a proper answer.
 */
export const FAULT_KINDS = [
  'error500',
  'error502',
  'error503',
  'rateLimit429',
  'hang',
  'drop',
  'commitThenDrop',
  'commitThenError500',
  'htmlInsteadOfJson',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  seed: number;
  /** Added to every request, before it reaches a worker. */
  latencyMs: number;
  jitterMs: number;
  /** Probability per request of each fault (their sum should stay ≤ 1). */
  rates: Partial<Record<FaultKind, number>>;
  retryAfterSeconds: number;
  /** Extra delay for list pages (GET collections), with its own probability. */
  slowPageRate: number;
  slowPageMs: number;
  /** How long a hang lasts before the server drops it; null = until the client gives up. */
  hangMs: number | null;
  /** Limit random faults to these route keys, e.g. ['POST /orders/batch']; empty = every route. */
  routes: string[];
}

export const NO_FAULTS: FaultOptions = {
  seed: 1,
  latencyMs: 0,
  jitterMs: 0,
  rates: {},
  retryAfterSeconds: 1,
  slowPageRate: 0,
  slowPageMs: 0,
  hangMs: null,
  routes: [],
};

export interface ScriptedFault {
  kind: FaultKind;
  /** Only requests to this route key (e.g. 'POST /orders/batch') take it; default any. */
  route?: string;
  /** How many matching requests take it; default 1. */
  times?: number;
}

export interface FaultDecision {
  kind: FaultKind | null;
  delayMs: number;
}

/** Decides, per request and from a seeded generator, which fault (if any) it meets. */
export class FaultInjector {
  private options: FaultOptions = { ...NO_FAULTS };
  private random = new SeededRandom(NO_FAULTS.seed);
  private readonly scripted: Array<Required<Omit<ScriptedFault, 'route'>> & { route?: string }> = [];
  readonly injected: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

  configure(options: Partial<FaultOptions>): void {
    this.options = { ...this.options, ...options, rates: { ...this.options.rates, ...options.rates } };
    if (options.seed !== undefined) this.random = new SeededRandom(options.seed);
  }

  /** Back to a healthy store; the seed is kept. */
  clear(): void {
    this.options = { ...NO_FAULTS, seed: this.options.seed };
    this.scripted.length = 0;
  }

  get current(): FaultOptions {
    return { ...this.options, rates: { ...this.options.rates } };
  }

  /** Queues a fault for the next matching request(s), ahead of any random ones. */
  inject(fault: ScriptedFault): void {
    this.scripted.push({ kind: fault.kind, route: fault.route, times: fault.times ?? 1 });
  }

  decide(routeKey: string, isListPage: boolean): FaultDecision {
    const options = this.options;
    let delayMs = options.latencyMs + (options.jitterMs ? this.random.next() * options.jitterMs : 0);
    const scriptedIndex = this.scripted.findIndex((fault) => !fault.route || fault.route === routeKey);
    if (scriptedIndex >= 0) {
      const fault = this.scripted[scriptedIndex];
      fault.times--;
      if (fault.times <= 0) this.scripted.splice(scriptedIndex, 1);
      this.injected[fault.kind]++;
      return { kind: fault.kind, delayMs };
    }
    if (options.routes.length && !options.routes.includes(routeKey)) return { kind: null, delayMs };
    if (isListPage && options.slowPageRate > 0 && this.random.next() < options.slowPageRate) delayMs += options.slowPageMs;
    const roll = this.random.next();
    let cumulative = 0;
    for (const kind of FAULT_KINDS) {
      cumulative += options.rates[kind] ?? 0;
      if (roll < cumulative) {
        this.injected[kind]++;
        return { kind, delayMs };
      }
    }
    return { kind: null, delayMs };
  }
}
