/**
 * The gate every options simulation passes: MAX_RISK (dollars of max loss by strategy tag) and the account tier's
 * list of allowed strategies. Pure: the caller gives the tier name (src/lib/risk/tiers.ts) and the limits.
 */

/** Strategy name → its MAX_RISK tag (MAX_RISK="call=100,condor=50"). */
export const MAX_RISK_TAGS: Readonly<Record<string, string>> = {
  long_call: 'call',
  long_put: 'put',
  covered_call: 'covered_call',
  cash_secured_put: 'cash_secured_put',
  bull_call_spread: 'spread',
  bear_put_spread: 'spread',
  bull_put_spread: 'spread',
  bear_call_spread: 'spread',
  iron_condor: 'condor',
  long_straddle: 'straddle',
  long_strangle: 'strangle',
  custom: 'custom',
};

/** Defined risk, paid for by the premium or the spread's width: every tier may simulate these. */
const DEFINED_RISK = [
  'long_call',
  'long_put',
  'bull_call_spread',
  'bear_put_spread',
  'bull_put_spread',
  'bear_call_spread',
  'iron_condor',
  'long_straddle',
  'long_strangle',
];
/** Secured by 100 shares or the strike in cash per contract: from the medium tier on. */
const SECURED = ['covered_call', 'cash_secured_put'];

/**
 * Per tier: the named strategies allowed, and whether a custom strategy with unbounded max loss (naked) is.
 * A custom strategy with a bounded max loss is defined risk and allowed in every tier.
 */
export const TIER_STRATEGIES: Readonly<Record<string, { strategies: readonly string[]; naked: boolean }>> = {
  micro: { strategies: DEFINED_RISK, naked: false },
  small: { strategies: DEFINED_RISK, naked: false },
  medium: { strategies: [...DEFINED_RISK, ...SECURED], naked: false },
  large: { strategies: [...DEFINED_RISK, ...SECURED], naked: true },
  institutional: { strategies: [...DEFINED_RISK, ...SECURED], naked: true },
};

export interface GateInput {
  strategy: string;
  /** Dollars for the whole simulated position; null = unbounded. */
  maxLoss: number | null;
  tier: string;
  equity: number;
  maxRisk: Readonly<Record<string, number>>;
}

export interface StrategyGate {
  allowed: boolean;
  /** Why: the refusals when refused, else what was checked. */
  reasons: string[];
  tier: string;
  equity: number;
  /** The MAX_RISK key that applied (the strategy's own name wins over its tag), null when none is set. */
  maxRiskKey: string | null;
  maxRisk: number | null;
}

const usd = (v: number): string => `$${v.toFixed(2)}`;

export function gateStrategy(input: GateInput): StrategyGate {
  const { strategy, maxLoss, tier } = input;
  const refusals: string[] = [];
  const passes: string[] = [];
  const rules = TIER_STRATEGIES[tier];
  const tierOf = `tier ${tier} (equity ${usd(input.equity)})`;
  if (rules === undefined) refusals.push(`unknown tier ${tier}`);
  else if (strategy === 'custom') {
    if (maxLoss === null && !rules.naked)
      refusals.push(`${tierOf} allows defined-risk strategies only: custom legs with unbounded max loss (naked)`);
    else passes.push(`${tierOf} allows custom legs with ${maxLoss === null ? 'unbounded' : 'defined'} max loss`);
  } else if (!rules.strategies.includes(strategy))
    refusals.push(`${tierOf} does not allow ${strategy} (allowed: ${rules.strategies.join(', ')})`);
  else passes.push(`${tierOf} allows ${strategy}`);

  const tag = MAX_RISK_TAGS[strategy] ?? strategy;
  const key = [strategy, tag].find((k) => Object.hasOwn(input.maxRisk, k)) ?? null;
  const limit = key === null ? null : (input.maxRisk[key] as number);
  if (key === null || limit === null) passes.push(`no MAX_RISK for ${tag}`);
  else if (maxLoss === null) refusals.push(`MAX_RISK ${key}=${usd(limit)}: max loss is unbounded`);
  else if (maxLoss > limit + 1e-9) refusals.push(`MAX_RISK ${key}=${usd(limit)}: max loss ${usd(maxLoss)} exceeds it`);
  else passes.push(`MAX_RISK ${key}=${usd(limit)}: max loss ${usd(maxLoss)} within it`);

  const allowed = refusals.length === 0;
  return { allowed, reasons: allowed ? passes : refusals, tier, equity: input.equity, maxRiskKey: key, maxRisk: limit };
}
