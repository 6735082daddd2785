/**
 * Slack messages as Block Kit blocks (https://docs.slack.dev/block-kit/), each with a plain `text` fallback for
 * notifications. Limits enforced here (https://docs.slack.dev/reference/block-kit/blocks/header-block,
 * …/section-block): header text ≤ 150 characters, section text ≤ 3000, at most 10 fields of ≤ 2000 each,
 * at most 50 blocks a message.
 */
export const SLACK_LIMITS = { header: 150, section: 3000, field: 2000, fields: 10, blocks: 50 } as const;

interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'section'; fields: Mrkdwn[] }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** `text` cut to `max` characters, marked with an ellipsis when cut. */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const header = (text: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: fit(text, SLACK_LIMITS.header), emoji: true },
});
export const section = (text: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: fit(text, SLACK_LIMITS.section) },
});
export const fields = (items: readonly string[]): SlackBlock => ({
  type: 'section',
  fields: items.slice(0, SLACK_LIMITS.fields).map((t) => ({ type: 'mrkdwn', text: fit(t, SLACK_LIMITS.field) })),
});
export const context = (text: string): SlackBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: fit(text, SLACK_LIMITS.section) }],
});

/** A preformatted table as a code block that fits a section: whole lines only, then a note of what was cut. */
export function codeBlock(table: string): SlackBlock {
  const room = SLACK_LIMITS.section - '```\n\n```'.length - 40;
  const lines = table.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > room) break;
    kept.push(line);
    used += line.length + 1;
  }
  const cut = lines.length - kept.length;
  return section(`\`\`\`\n${kept.join('\n')}${cut > 0 ? `\n… ${cut} more line(s)` : ''}\n\`\`\``);
}

export function message(text: string, blocks: SlackBlock[]): SlackMessage {
  return { text: fit(text, SLACK_LIMITS.section), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}
