/** Injected failures for the fake servers, consumed in order by the requests whose key contains `match`. */
export class FaultQueue<F extends { times?: number; match?: string; after?: number }> {
  private readonly queue: Array<F & { left: number; pass: number }> = [];

  add(fault: F): void {
    this.queue.push({ ...fault, left: fault.times ?? 1, pass: fault.after ?? 0 });
  }

  /**
   * The first pending fault that matches `key` (a path, or "METHOD /path?query"), consumed once; undefined
   * while that fault still lets its first `after` matching requests through.
   */
  take(key: string): F | undefined {
    const i = this.queue.findIndex((f) => f.match === undefined || key.includes(f.match));
    const f = this.queue[i];
    if (f === undefined) return undefined;
    if (f.pass > 0) {
      f.pass--;
      return undefined;
    }
    if (--f.left <= 0) this.queue.splice(i, 1);
    return f;
  }

  /** Forget every pending fault (the next requests are answered normally). */
  clear(): void {
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.reduce((n, f) => n + f.left, 0);
  }
}
