/** Wakes everyone waiting whenever something happened (a pulled page committed, a queue changed). */
export class Pulse {
  private waiters: Array<() => void> = [];

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  emit(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
