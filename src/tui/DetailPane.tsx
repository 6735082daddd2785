import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { PositionRow } from '../lib/position-row.js';
import { distanceTo } from '../lib/portfolio/protection.js';
import { formatClock, formatLevel, formatMoney, formatPct, pnlColor } from './format.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box marginRight={3}>
      <Text dimColor>{label} </Text>
      {children}
    </Box>
  );
}

/**
 * Facts about the selected position. Cost basis = qty × average cost (what was paid for the
 * shares held; negative for a short). PnL % = unrealized PnL relative to that cost basis.
 * Stop and take-profit are the orders resting at the broker, each with the room left to it (a fraction of
 * the price; negative once passed). Updated is New York time.
 * `boxed` draws a border; small terminals get the fields without it to save three lines.
 * A grouped options position adds its strategy, expiry, days to expiry, net greeks (dollars) and max profit/loss.
 */
export function DetailPane({ row, boxed }: { row: PositionRow; boxed: boolean }) {
  const pct = row.unrealizedPct;
  return (
    <Box borderStyle={boxed ? 'round' : undefined} borderDimColor paddingX={boxed ? 1 : 0} flexWrap="wrap">
      <Box marginRight={3}>
        <Text bold color="cyan">
          {row.symbol}
        </Text>
      </Box>
      {row.option && <OptionFields option={row.option} />}
      <Field label="Sector">
        <Text>{row.sector ?? 'unknown'}</Text>
      </Field>
      <Field label="Asset class">
        <Text>{row.assetClass}</Text>
      </Field>
      <Field label="Cost basis">
        <Text>{formatMoney(row.qty * row.avgCost)}</Text>
      </Field>
      <Field label="PnL %">
        <Text color={pnlColor(pct * 100)}>{formatPct(pct, { signed: true })}</Text>
      </Field>
      <Field label="Entry">
        <Text>{row.entryDate ?? '—'}</Text>
      </Field>
      <Field label="Stop">
        <Text>{formatLevel(row.stopPrice, distanceTo(row.stopPrice, row.last, 'stop', row.qty))}</Text>
      </Field>
      <Field label="Take-profit">
        <Text>
          {formatLevel(row.takeProfitPrice, distanceTo(row.takeProfitPrice, row.last, 'takeProfit', row.qty))}
        </Text>
      </Field>
      <Field label="Updated">
        <Text>{formatClock(row.updatedAt)}</Text>
      </Field>
    </Box>
  );
}

function OptionFields({ option: o }: { option: NonNullable<PositionRow['option']> }) {
  const bound = (n: number | null): string => (n === null ? 'unbounded' : formatMoney(n));
  const g = o.greeks;
  return (
    <>
      <Field label="Strategy">
        <Text bold>{`${o.strategy} (${o.legs} legs)`}</Text>
      </Field>
      <Field label="Expiry">
        <Text>{`${o.expiry} (${o.daysToExpiry} DTE)`}</Text>
      </Field>
      <Field label="Greeks">
        <Text>{`Δ ${g.delta.toFixed(2)} Γ ${g.gamma.toFixed(4)} Θ ${g.theta.toFixed(2)} V ${g.vega.toFixed(2)}`}</Text>
      </Field>
      <Field label="Max profit">
        <Text>{bound(o.maxProfit)}</Text>
      </Field>
      <Field label="Max loss">
        <Text>{bound(o.maxLoss)}</Text>
      </Field>
    </>
  );
}
