/** The daily run's Slack message and the alerts, as blocks (slack-blocks.ts); pure: inputs in, message out. */
import { codeBlock, context, fields, header, message, section, type SlackMessage } from './slack-blocks.js';

export interface DailySummary {
  session: string;
  status: string;
  message: string;
  steps: readonly { name: string; status: string; ms: number; summary: string }[];
  gate?: { passed: boolean; forced: boolean; summary: string } | undefined;
  /** The top trades, already rendered as a fixed-width table (the CLI's). */
  tradesTable?: string | undefined;
  pnl?: { realized: number; unrealized: number } | undefined;
}

const usd = (v: number) =>
  `${v < 0 ? '-' : ''}$${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })}`;

export function dailyMessage(d: DailySummary): SlackMessage {
  const failed = d.steps.find((s) => s.status === 'failed');
  const ok = d.status === 'ok';
  const title = ok ? `ats daily ${d.session}: completed` : `ats daily ${d.session}: ${d.status}`;
  const blocks = [header(`${ok ? '✅' : '❌'} ${title}`), section(d.message)];
  if (!ok) {
    blocks.push(section(`:x: *Failed step:* \`${failed?.name ?? '?'}\`\n${failed?.summary ?? d.message}`));
  }
  if (d.gate) {
    const icon = d.gate.passed ? ':white_check_mark:' : d.gate.forced ? ':warning:' : ':no_entry:';
    blocks.push(section(`${icon} *Model gate:* ${d.gate.summary}`));
  }
  if (d.pnl) {
    blocks.push(fields([`*Realised PnL (day)*\n${usd(d.pnl.realized)}`, `*Unrealised PnL*\n${usd(d.pnl.unrealized)}`]));
  }
  if (d.tradesTable) blocks.push(section('*Top trades*'), codeBlock(d.tradesTable));
  if (d.steps.length > 0)
    blocks.push(context(d.steps.map((s) => `${s.name} ${s.status} ${(s.ms / 1000).toFixed(1)}s`).join(' · ')));
  // The plain text (notifications, clients without blocks) says the same as the old text-only message.
  const lines = [
    ok ? `:white_check_mark: ${title}` : `:x: ${title} at step ${failed?.name ?? '?'}: ${failed?.summary ?? d.message}`,
  ];
  if (d.gate && !d.gate.passed) lines.push(`${d.gate.forced ? ':warning:' : ':no_entry:'} ${d.gate.summary}`);
  return message(lines.join('\n'), blocks);
}

export function largeTradeAlert(
  t: { symbol: string; side: string; shares: number; price: number; status: string },
  limit: number,
): SlackMessage {
  const dollars = t.shares * t.price;
  const title = `Large trade: ${t.side} ${t.shares} ${t.symbol} (${usd(dollars)})`;
  return message(`:moneybag: ${title}`, [
    header(`💰 ${title}`),
    fields([`*Symbol*\n${t.symbol}`, `*Shares*\n${t.shares}`, `*Price*\n${usd(t.price)}`, `*Status*\n${t.status}`]),
    context(`at least ${usd(limit)} (alertTradeDollars)`),
  ]);
}

export function protectiveFillAlert(f: {
  symbol: string;
  side: string;
  qty: number;
  price: number;
  kind: string;
  realizedPnl: number;
}): SlackMessage {
  const title = `Protective ${f.kind} filled: ${f.side} ${f.qty} ${f.symbol} at ${usd(f.price)}`;
  return message(`:shield: ${title}`, [
    header(`🛡️ ${title}`),
    fields([`*Realised PnL*\n${usd(f.realizedPnl)}`, `*Order*\n${f.kind}`]),
  ]);
}

export function dailyLossAlert(a: {
  session: string;
  lossRatio: number;
  limitRatio: number;
  equity: number;
  startEquity: number;
}): SlackMessage {
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const title = `Daily loss limit hit (${a.session}): ${pct(a.lossRatio)} below the start of day`;
  return message(`:rotating_light: ${title}`, [
    header(`🚨 ${title}`),
    fields([`*Equity*\n${usd(a.equity)}`, `*Start of day*\n${usd(a.startEquity)}`, `*Limit*\n${pct(a.limitRatio)}`]),
    section('New entries are refused for the rest of the session; exits still go through.'),
  ]);
}

export function staleDataAlert(findings: readonly { symbol: string; message: string }[]): SlackMessage {
  const title = `Stale data: ${findings.length} symbol(s) behind`;
  return message(`:hourglass: ${title}`, [
    header(`⏳ ${title}`),
    section(findings.map((f) => `• *${f.symbol}*: ${f.message}`).join('\n')),
  ]);
}
