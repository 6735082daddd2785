import type { Logger } from '../log.js';
import { scrubSecrets } from '../secrets.js';
import type { SlackMessage } from './slack-blocks.js';

/**
 * Post a message (plain text, or Block Kit blocks with a text fallback) to a Slack incoming webhook. Every text in
 * it passes the secret scrubber first. Never throws and never waits long: an alert that fails
 * is logged as a warning and trading goes on. (https://api.slack.com/messaging/webhooks)
 */
export async function notifySlack(
  webhookUrl: string | null,
  text: string | SlackMessage,
  log: Logger,
  timeoutMs = 5000,
): Promise<boolean> {
  if (!webhookUrl) return false;
  try {
    const { request } = await import('undici');
    const res = await request(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scrubbed(typeof text === 'string' ? { text } : text)),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.text();
    if (res.statusCode >= 300) {
      log.warn(`Slack webhook answered HTTP ${res.statusCode}; alert not delivered`);
      return false;
    }
    return true;
  } catch (err) {
    log.warn(`Slack webhook failed (${(err as Error).message.replace(webhookUrl, '<webhook>')}); alert not delivered`);
    return false;
  }
}

/** A copy of a JSON value with every string scrubbed of secrets. */
function scrubbed<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return value.map(scrubbed) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v)])) as T;
  return value;
}
