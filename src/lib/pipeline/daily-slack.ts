/** What the daily run posts to Slack: its summary, then one alert per event worth a look of its own. */
import type { Config } from '../config.js';
import type { GateDecision } from '../model/model-gate.js';
import { QualityCheck } from '../quality/types.js';
import { latestAccountMark } from '../store/account-marks.js';
import { listFills } from '../store/fills.js';
import { latestSnapshotRows, latestStartOfDayEquity } from '../store/metrics-queries.js';
import type { Store } from '../store/open.js';
import { getOrder } from '../store/orders.js';
import { nyDate } from '../time.js';
import type { DailyRun } from './daily.js';
import type { SlackMessage } from './slack-blocks.js';
import {
  dailyLossAlert,
  dailyMessage,
  largeTradeAlert,
  protectiveFillAlert,
  staleDataAlert,
} from './slack-messages.js';
import type { PlannedTrade } from './steps/orders.js';

export interface DailySlackInput {
  run: DailyRun;
  store: Store;
  cfg: Pick<Config, 'broker' | 'alertTradeDollars' | 'maxDailyLossPct'>;
  /** The top trades as the CLI renders them. */
  tradesTable?: string | undefined;
}

export function dailySlackMessages({ run, store, cfg, tradesTable }: DailySlackInput): SlackMessage[] {
  const broker = cfg.broker;
  const fills = listFills(store, broker).filter((f) => nyDate(f.ts) === run.session);
  const realized = fills.reduce((s, f) => s + f.realizedPnl, 0);
  const unrealized = latestSnapshotRows(store, broker).reduce((s, r) => s + (r.unrealizedPnl ?? 0), 0);
  const out = [
    dailyMessage({
      session: run.session,
      status: run.status,
      message: run.message,
      steps: run.steps,
      gate: run.results.gate as GateDecision | undefined,
      tradesTable,
      pnl: { realized, unrealized },
    }),
  ];
  const trades = (run.results.trades as PlannedTrade[] | undefined) ?? [];
  for (const t of trades) {
    if (cfg.alertTradeDollars > 0 && t.clientOrderId && t.shares * t.entry >= cfg.alertTradeDollars)
      out.push(
        largeTradeAlert(
          { symbol: t.symbol, side: 'buy', shares: t.shares, price: t.entry, status: t.status },
          cfg.alertTradeDollars,
        ),
      );
  }
  for (const f of fills) {
    const order = getOrder(store, f.clientOrderId);
    if (!order?.parentId) continue;
    const kind = order.type === 'limit' ? 'take-profit' : 'stop';
    out.push(
      protectiveFillAlert({
        symbol: f.symbol,
        side: f.side,
        qty: f.qty,
        price: f.price,
        kind,
        realizedPnl: f.realizedPnl,
      }),
    );
  }
  const mark = latestAccountMark(store, broker);
  const start = latestStartOfDayEquity(store, broker);
  const limitRatio = cfg.maxDailyLossPct / 100;
  if (mark && start && start.session === run.session && start.equity > 0) {
    const lossRatio = (start.equity - mark.equity) / start.equity;
    if (lossRatio > limitRatio)
      out.push(
        dailyLossAlert({ session: run.session, lossRatio, limitRatio, equity: mark.equity, startEquity: start.equity }),
      );
  }
  const quality = run.results.quality;
  const stale = (quality?.symbols ?? []).flatMap((s) => s.findings.filter((f) => f.check === QualityCheck.staleData));
  if (stale.length > 0) out.push(staleDataAlert(stale));
  return out;
}
