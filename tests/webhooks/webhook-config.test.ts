import { describe, expect, it } from 'vitest';
import { isWebhookHealthTick } from '@/lib/webhooks/health';
import { webhookConfigFromEnv, webhookDeliveryUrl } from '@/lib/webhooks/webhook-config';

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe('where stores deliver webhooks', () => {
  it('uses a public https address, without a trailing slash', () => {
    const config = webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'https://orderbridge.example.com/app/' }));
    expect(config).toEqual({ baseUrl: 'https://orderbridge.example.com/app' });
    expect(webhookDeliveryUrl(config!, 'tok')).toBe('https://orderbridge.example.com/app/api/webhooks/woo/tok');
  });

  it('uses plain http only while private store addresses are allowed (development)', () => {
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'http://localhost:8080' }))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'http://localhost:8080', ALLOW_PRIVATE_STORE_URLS: 'true' }))).toEqual({
      baseUrl: 'http://localhost:8080',
    });
  });

  it('registers nothing without an address, with a broken one, or with webhooks turned off', () => {
    expect(webhookConfigFromEnv(env({}))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'not a url' }))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'ftp://orderbridge.example.com' }))).toBeNull();
    expect(
      webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'https://orderbridge.example.com', ORDERBRIDGE_WEBHOOKS: 'off' })),
    ).toBeNull();
  });
});

describe('which scheduled ticks look at webhooks', () => {
  it('two an hour', () => {
    expect(['2026-05-01T10:00Z', '2026-05-01T10:30Z'].map(isWebhookHealthTick)).toEqual([true, true]);
    expect(['2026-05-01T10:05Z', '2026-05-01T10:25Z', '2026-05-01T10:35Z', undefined].map(isWebhookHealthTick)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
