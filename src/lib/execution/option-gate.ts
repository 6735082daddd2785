/**
 * The options gate on the order path: every option order that opens risk passes strategy-gate.ts (MAX_RISK by
 * strategy tag and the account tier's allowed strategies) before anything is recorded or sent. A multi-leg order
 * brings its strategy and max loss (computed from its legs by the caller); a single leg is classified here:
 * bought → long_call / long_put (max loss = the premium); a short put → cash_secured_put (strike − premium); a short
 * call → covered_call when the account holds 100 shares per contract, else a naked call (custom, unbounded).
 * An order that only reduces a held option position opens no risk: it is not gated.
 */
import { OPTION_MULTIPLIER } from '../contract-multiplier.js';
import { BrokerError } from '../errors.js';
import { parseOcc } from '../options/occ.js';
import { gateStrategy, type StrategyGate } from '../options/strategy-gate.js';
import { accountTier } from '../risk/tiers.js';
import type { BrokerPosition, OrderSide } from '../broker/types.js';

export interface OptionGateInput {
  strategy: string;
  /** Dollars for the whole order; null = unbounded. */
  maxLoss: number | null;
  /** How the strategy was named, for the refusal line (e.g. "short call O:AAPL…, naked"). */
  label?: string;
}

export interface SingleLegOrder {
  symbol: string;
  side: OrderSide;
  qty: number;
}

/** The strategy a single option leg opens, or null when it only closes (part of) a held position. */
export function singleLegGate(
  order: SingleLegOrder,
  premium: number,
  positions: readonly BrokerPosition[],
): OptionGateInput | null {
  const held = positions.find((p) => p.symbol === order.symbol)?.qty ?? 0;
  const closes = (order.side === 'sell' && held > 0) || (order.side === 'buy' && held < 0);
  if (closes && order.qty <= Math.abs(held)) return null;
  const occ = parseOcc(order.symbol);
  const units = order.qty * OPTION_MULTIPLIER;
  if (order.side === 'buy') return { strategy: `long_${occ.type}`, maxLoss: premium * units };
  if (occ.type === 'put') return { strategy: 'cash_secured_put', maxLoss: Math.max(0, occ.strike - premium) * units };
  const shares = positions.find((p) => p.symbol === occ.root);
  if (shares && shares.qty >= units)
    return { strategy: 'covered_call', maxLoss: Math.max(0, shares.avgEntryPrice - premium) * units };
  return { strategy: 'custom', maxLoss: null, label: `short call ${order.symbol} (naked)` };
}

/** Throws BrokerError (exit 5) naming the rule and its numbers when the gate refuses; returns the gate otherwise. */
export function enforceOptionGate(
  gate: OptionGateInput,
  equity: number,
  maxRisk: Readonly<Record<string, number>>,
): StrategyGate {
  const result = gateStrategy({
    strategy: gate.strategy,
    maxLoss: gate.maxLoss,
    tier: accountTier(equity).name,
    equity,
    maxRisk,
  });
  if (!result.allowed)
    throw new BrokerError(`options gate refused ${gate.label ?? gate.strategy}: ${result.reasons.join('; ')}`);
  return result;
}
