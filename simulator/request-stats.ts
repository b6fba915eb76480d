export interface RequestLogEntry {
  at: number;
  method: string;
  route: string;
  path: string;
  status: number | 'dropped' | 'hung';
  durationMs: number;
  fault: string | null;
}

const LOG_LIMIT = 20_000;

/** Requests seen by a store, counted per route key ('GET /orders', 'POST /orders/batch', …). */
export class RequestStats {
  private counts = new Map<string, number>();
  private log: RequestLogEntry[] = [];
  total = 0;

  count(route: string): void {
    this.total++;
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  byRoute(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  countFor(route: string): number {
    return this.counts.get(route) ?? 0;
  }

  entries(): RequestLogEntry[] {
    return [...this.log];
  }

  reset(): void {
    this.counts = new Map();
    this.log = [];
    this.total = 0;
  }
}
