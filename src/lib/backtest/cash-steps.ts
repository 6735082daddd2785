/**
 * Cash and position of a single-symbol run as steps: both change only when an order fills (or the
 * run is liquidated or finalized), so the hot loop records each change — the bar and the exact
 * values it computed there — instead of writing two full arrays on every bar; `expand` writes the
 * arrays when someone asks for them.
 */
export class CashSteps {
  count = 0;
  bar: Int32Array;
  cash: Float64Array;
  position: Float64Array;

  /** Starts with `cash` and no position from bar 0. */
  constructor(cash: number, capacity = 64) {
    const cap = Math.max(1, capacity);
    this.bar = new Int32Array(cap);
    this.cash = new Float64Array(cap);
    this.position = new Float64Array(cap);
    this.add(0, cash, 0);
  }

  /** From `bar` on (until the next step), cash is `cash` and the position `position`. Bars must not decrease. */
  add(bar: number, cash: number, position: number): void {
    if (this.count === this.bar.length) this.grow();
    const k = this.count++;
    this.bar[k] = bar;
    this.cash[k] = cash;
    this.position[k] = position;
  }

  private grow(): void {
    const cap = this.bar.length * 2;
    const bar = new Int32Array(cap);
    const cash = new Float64Array(cap);
    const position = new Float64Array(cap);
    bar.set(this.bar);
    cash.set(this.cash);
    position.set(this.position);
    this.bar = bar;
    this.cash = cash;
    this.position = position;
  }

  /** The per-bar cash and position arrays of `n` bars (a later step at the same bar wins). */
  expand(n: number): { cash: Float64Array; position: Float64Array } {
    const cash = new Float64Array(n);
    const position = new Float64Array(n);
    for (let k = 0; k < this.count; k++) {
      const from = this.bar[k]!;
      const to = k + 1 < this.count ? Math.min(this.bar[k + 1]!, n) : n;
      if (from >= to) continue;
      cash.fill(this.cash[k]!, from, to);
      // A zero-filled array already holds the flat stretches.
      if (this.position[k] !== 0) position.fill(this.position[k]!, from, to);
    }
    return { cash, position };
  }
}
