/** One benchmark figure; `ratio` compares against a baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** e.g. "≥ 0.60" — printed beside the ratio. */
  target?: string;
  note?: string;
}
