import { Text } from 'ink';
import { describeSize } from './format.js';
import type { CloseTarget } from './state.js';

/** The question asked before a position is closed at market; only `y` goes ahead. */
export function confirmQuestion(target: CloseTarget): string {
  return `Close ${target.symbol} (${describeSize(target.qty)})? y/n`;
}

export function ConfirmClose({ target }: { target: CloseTarget }) {
  return (
    <Text bold color="yellow">
      {confirmQuestion(target)}
    </Text>
  );
}
