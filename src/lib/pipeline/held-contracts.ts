/**
 * Option contracts held: OCC symbols among the positions each broker last reported (broker sync) and the ledger's
 * open positions (net filled quantity per broker), in the stored form `O:AAPL240119C00190000`. Their daily bars
 * come from Polygon's aggregates like a stock's (`/v2/aggs/ticker/O:.../range/1/day/...`).
 */
import { collectUniverse } from '../collect/collect-symbols.js';
import type { CollectReport } from '../collect/collect-symbols.js';
import type { MarketSource } from '../market/source.js';
import { normalizeOcc } from '../options/occ.js';
import { BROKER_NAMES } from '../order-types.js';
import { storedBrokerPositions } from '../store/broker-positions.js';
import { listFills } from '../store/fills.js';
import type { Store } from '../store/open.js';
import type { SessionDate } from '../types.js';

const OCC = /^(O:)?[A-Z]{1,6}\d{6}[CP]\d{8}$/;
/** Sessions of contract bars kept complete: listed option series rarely trade longer than about two years. */
const CONTRACT_BAR_SESSIONS = 500;

export function heldContracts(store: Store): string[] {
  const held = new Set<string>();
  for (const p of storedBrokerPositions(store)) if (p.qty !== 0 && OCC.test(p.symbol)) held.add(normalizeOcc(p.symbol));
  for (const broker of BROKER_NAMES) {
    const net = new Map<string, number>();
    for (const f of listFills(store, broker))
      if (OCC.test(f.symbol)) net.set(f.symbol, (net.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
    for (const [symbol, qty] of net) if (Math.abs(qty) > 1e-9) held.add(normalizeOcc(symbol));
  }
  return [...held].sort();
}

/** Daily bars of the held contracts from Polygon (the sample has no options); null when none is held. */
export async function collectHeldContracts(
  store: Store,
  source: MarketSource,
  opts: {
    asOf: SessionDate;
    now: () => number;
    log: Parameters<typeof collectUniverse>[3]['log'];
    scrub: (s: string) => string;
  },
): Promise<CollectReport | null> {
  const held = source.name === 'polygon' ? heldContracts(store) : [];
  if (held.length === 0) return null;
  return collectUniverse(store, source, held, { days: CONTRACT_BAR_SESSIONS, ...opts });
}
