import type { Logger } from '../log.js';

/**
 * Post a message to a Slack incoming webhook. Never throws and never waits long: an alert that fails
 * is logged as a warning and trading goes on. (https://api.slack.com/messaging/webhooks)
 */
export async function notifySlack(
  webhookUrl: string | null,
  text: string,
  log: Logger,
  timeoutMs = 5000,
): Promise<boolean> {
  if (!webhookUrl) return false;
  try {
    const { request } = await import('undici');
    const res = await request(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
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
