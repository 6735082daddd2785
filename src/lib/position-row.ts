export interface PositionRow {
  symbol: string;
  qty: number;
  avgCost: number;
  last: number;
  marketValue: number;
  unrealizedPnl: number;
  unrealizedPct: number;
  weight: number;
  sector: string | null;
  assetClass: string;
}

export interface PositionProvider {
  load(): Promise<PositionRow[]>;
  close(symbol: string): Promise<string>;
}
