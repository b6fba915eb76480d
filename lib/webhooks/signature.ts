import { createHmac, timingSafeEqual } from 'node:crypto';

/** WooCommerce's `X-WC-Webhook-Signature`: base64 of HMAC-SHA256 over the raw body, keyed by the webhook's secret. */
export function webhookSignature(secret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Constant-time: how much of a forged signature matched never shows in the answer's timing. */
export function signatureMatches(secret: string, rawBody: Buffer, signature: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature.trim(), 'base64');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

/** The unsigned ping WooCommerce sends when a webhook is created: form-encoded `webhook_id=N`, nothing else. */
export function isWebhookPing(contentType: string | null, rawBody: Buffer): boolean {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return false;
  return /^webhook_id=\d{1,20}$/.test(rawBody.toString('utf8'));
}
