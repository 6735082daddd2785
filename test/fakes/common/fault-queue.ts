/** Injected failures for the fake servers, consumed in order by the requests whose key contains `match`. */
export class FaultQueue<F extends { times?: number; match?: string }> {
  private readonly queue: Array<F & { left: number }> = [];

  add(fault: F): void {
    this.queue.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The first pending fault that matches `key` (a path, or "METHOD /path?query"), consumed once. */
  take(key: string): F | undefined {
    const i = this.queue.findIndex((f) => f.match === undefined || key.includes(f.match));
    const f = this.queue[i];
    if (f === undefined) return undefined;
    if (--f.left <= 0) this.queue.splice(i, 1);
    return f;
  }

  get pending(): number {
    return this.queue.reduce((n, f) => n + f.left, 0);
  }
}
