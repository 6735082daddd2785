/**
 * Cash and position of a single-symbol run as steps: both change only when an order fills (or the
 * run is liquidated or finalized), so the hot loop records each change — the bar and the exact
 * values it computed there — instead of writing two full arrays on every bar; `expand` writes the
 * arrays when someone asks for them.
 */
export class CashSteps {
  count = 0;
  /** (bar, cash, position) per step, interleaved: one allocation, where three columns cost three. */
  private data: Float64Array;

  /** Starts with `cash` and no position from bar 0. */
  constructor(cash: number, capacity = 32) {
    this.data = new Float64Array(3 * Math.max(1, capacity));
    this.add(0, cash, 0);
  }

  /** From `bar` on (until the next step), cash is `cash` and the position `position`. Bars must not decrease. */
  add(bar: number, cash: number, position: number): void {
    let k = 3 * this.count;
    if (k === this.data.length) this.grow();
    const d = this.data;
    d[k++] = bar;
    d[k++] = cash;
    d[k] = position;
    this.count++;
  }

  private grow(): void {
    const data = new Float64Array(2 * this.data.length);
    data.set(this.data);
    this.data = data;
  }

  /** The per-bar cash and position arrays of `n` bars (a later step at the same bar wins). */
  expand(n: number): { cash: Float64Array; position: Float64Array } {
    const cash = new Float64Array(n);
    const position = new Float64Array(n);
    const d = this.data;
    for (let k = 0; k < this.count; k++) {
      const from = d[3 * k]!;
      const to = k + 1 < this.count ? Math.min(d[3 * k + 3]!, n) : n;
      if (from >= to) continue;
      cash.fill(d[3 * k + 1]!, from, to);
      // A zero-filled array already holds the flat stretches.
      if (d[3 * k + 2] !== 0) position.fill(d[3 * k + 2]!, from, to);
    }
    return { cash, position };
  }
}
