/** The time every store in a simulator reads; tests can freeze, set and advance it. */
export class SimClock {
  private offsetMs = 0;
  private frozenAtMs: number | null = null;

  now(): number {
    return this.frozenAtMs ?? Date.now() + this.offsetMs;
  }

  nowDate(): Date {
    return new Date(this.now());
  }

  advance(ms: number): void {
    if (this.frozenAtMs !== null) this.frozenAtMs += ms;
    else this.offsetMs += ms;
  }

  set(at: Date | number): void {
    const target = typeof at === 'number' ? at : at.getTime();
    if (this.frozenAtMs !== null) this.frozenAtMs = target;
    else this.offsetMs = target - Date.now();
  }

  freeze(at?: Date | number): void {
    this.frozenAtMs = at === undefined ? this.now() : typeof at === 'number' ? at : at.getTime();
  }

  unfreeze(): void {
    if (this.frozenAtMs === null) return;
    this.offsetMs = this.frozenAtMs - Date.now();
    this.frozenAtMs = null;
  }

  get isFrozen(): boolean {
    return this.frozenAtMs !== null;
  }
}
