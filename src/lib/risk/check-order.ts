/**
 * checkOrder: may this order go to the broker? The first limit it breaks is returned with a message that names
 * the rule and the numbers. Exits (orders that reduce a held position) pass every exposure limit and the daily
 * loss stop; entries are checked in this order: equity, daily loss, buying power, open positions, strategy
 * risk, symbol, sector, asset class.
 */
import { UsageError } from '../errors.js';
import { assetClassExposure, grossExposure, heldQty, holdingsAfter, openSymbols, orderCost } from './exposure.js';
import { dollars, percent } from './format.js';
import { resolveRiskLimits } from './limits.js';
import type { RiskLimits } from './limits.js';
import { accountTier } from './tiers.js';
import { RISK_RULES } from './types.js';
import type { AccountSnapshot, OrderToCheck, RiskCheck, RiskRule } from './types.js';

const OK: RiskCheck = { ok: true };
const refuse = (rule: RiskRule, message: string): RiskCheck => ({ ok: false, rule, message });

export function checkOrder(
  order: OrderToCheck,
  account: AccountSnapshot,
  limitOverrides: Partial<RiskLimits> = {},
): RiskCheck {
  validate(order, account);
  const limits = resolveRiskLimits(limitOverrides);
  if (order.intent === 'exit') return checkExit(order, account);
  if (!(account.equity > 0)) {
    return refuse(RISK_RULES.equity, `equity: account equity is ${dollars(account.equity)}; entries need equity > 0`);
  }
  for (const check of [dailyLoss, buyingPower, openPositions, strategyRisk, exposureLimits]) {
    const result = check(order, account, limits);
    if (!result.ok) return result;
  }
  return OK;
}

function validate(order: OrderToCheck, account: AccountSnapshot): void {
  if (!(Number.isFinite(order.qty) && order.qty > 0))
    throw new UsageError(`risk check: ${order.symbol} qty must be > 0, got ${order.qty}`);
  if (!(Number.isFinite(order.price) && order.price > 0))
    throw new UsageError(`risk check: ${order.symbol} price must be > 0, got ${order.price}`);
  for (const key of ['equity', 'startOfDayEquity', 'buyingPower'] as const) {
    if (!Number.isFinite(account[key]))
      throw new UsageError(`risk check: account ${key} must be a number, got ${account[key]}`);
  }
}

/** An exit must reduce a held position: the opposite side, and no more than is held (else it opens a new one). */
function checkExit(order: OrderToCheck, account: AccountSnapshot): RiskCheck {
  const held = heldQty(account, order.symbol);
  const reduces = (order.side === 'sell' && held > 0) || (order.side === 'buy' && held < 0);
  if (reduces && order.qty <= Math.abs(held)) return OK;
  const what = `${order.side} ${order.qty} ${order.symbol}`;
  const reason = reduces ? `exceeds the ${Math.abs(held)} held` : `does not reduce a position (holding ${held})`;
  return refuse(RISK_RULES.exitIntent, `exit: ${what} ${reason}; send it as an entry`);
}

type EntryCheck = (order: OrderToCheck, account: AccountSnapshot, limits: RiskLimits) => RiskCheck;

/** Daily loss stop: equity more than maxDailyLossPct below the start of day refuses entries for the rest of the day. */
const dailyLoss: EntryCheck = (_order, account, limits) => {
  const { equity, startOfDayEquity: start } = account;
  const loss = start - equity;
  if (!(start > 0) || loss <= (start * limits.maxDailyLossPct) / 100) return OK;
  const lossPct = (loss / start) * 100;
  return refuse(
    RISK_RULES.dailyLoss,
    `daily loss limit: equity ${dollars(equity)} is ${percent(lossPct, limits.maxDailyLossPct)}% below the start of day ` +
      `(${dollars(start)}), limit ${limits.maxDailyLossPct}%; new entries are refused for the day`,
  );
};

/** A buy must be payable now. (Short entries use margin; the broker checks those.) */
const buyingPower: EntryCheck = (order, account) => {
  const cost = orderCost(order);
  if (order.side !== 'buy' || cost <= account.buyingPower) return OK;
  return refuse(
    RISK_RULES.buyingPower,
    `buying power: buy ${order.qty} ${order.symbol} costs ${dollars(cost)}, buying power is ${dollars(account.buyingPower)}`,
  );
};

/** Opening a symbol not yet held must leave at most maxOpenPositions symbols open. */
const openPositions: EntryCheck = (order, account, limits) => {
  const open = openSymbols(account);
  if (open.has(order.symbol)) return OK;
  const tier = accountTier(account.equity);
  const max = limits.maxOpenPositions ?? tier.maxOpenPositions;
  if (open.size + 1 <= max) return OK;
  const source = limits.maxOpenPositions === undefined ? `${tier.name} tier` : 'configured';
  return refuse(
    RISK_RULES.openPositions,
    `open positions limit: opening ${order.symbol} would make ${open.size + 1} open positions, limit ${max} (${source})`,
  );
};

/** The order's cost (qty × price, × 100 for options) must not exceed its strategy's MAX_RISK dollars. */
const strategyRisk: EntryCheck = (order, _account, limits) => {
  const strategy = order.strategy;
  if (strategy === undefined || !Object.hasOwn(limits.maxRiskByStrategy, strategy)) return OK;
  const max = limits.maxRiskByStrategy[strategy] as number;
  const cost = orderCost(order);
  if (cost <= max) return OK;
  const times = order.assetClass === 'option' ? ' × 100' : '';
  return refuse(
    RISK_RULES.strategyRisk,
    `strategy risk limit: ${strategy} order ${order.symbol} costs ${dollars(cost)} (${order.qty} × ${dollars(order.price)}${times}), ` +
      `limit ${dollars(max)} for ${strategy}`,
  );
};

/** Symbol, sector and asset-class gross exposure after the order, as % of equity. */
const exposureLimits: EntryCheck = (order, account, limits) => {
  const after = holdingsAfter(order, account);
  const groups: Array<
    [RiskRule, string, string, number, (s: string, h: { sector: string | null; assetClass: string }) => boolean]
  > = [
    [RISK_RULES.symbol, 'symbol', order.symbol, limits.maxSymbolPct, (s) => s === order.symbol],
    [RISK_RULES.sector, 'sector', order.sector ?? '', limits.maxSectorPct, (_s, h) => h.sector === order.sector],
    [
      RISK_RULES.assetClass,
      'asset class',
      order.assetClass,
      limits.maxAssetClassPct,
      (_s, h) => h.assetClass === order.assetClass,
    ],
  ];
  for (const [rule, label, name, limitPct, pick] of groups) {
    if (rule === RISK_RULES.sector && order.sector === null) continue;
    const exposure =
      rule === RISK_RULES.assetClass ? assetClassExposure(after, order.assetClass) : grossExposure(after, pick);
    if (exposure <= (account.equity * limitPct) / 100) continue;
    const pct = (exposure / account.equity) * 100;
    return refuse(
      rule,
      `${label} limit: ${name} would be ${percent(pct, limitPct)}% of equity ` +
        `(${dollars(exposure)} of ${dollars(account.equity)}), limit ${limitPct}%`,
    );
  }
  return OK;
};
