import { describe, expect, it } from 'vitest';
import { webhookConfigFromEnv, webhookDeliveryUrl } from '../../lib/webhooks/webhook-config';

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe('where stores deliver webhooks', () => {
  it('uses a public https address, without a trailing slash', () => {
    const config = webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'https://orderbridge.example.com/app/' }));
    expect(config).toEqual({ baseUrl: 'https://orderbridge.example.com/app' });
    expect(webhookDeliveryUrl(config!, 'tok')).toBe('https://orderbridge.example.com/app/api/webhooks/woo/tok');
  });

  it('uses plain http only while private store addresses are allowed (development)', () => {
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'http://localhost:8080' }))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'http://localhost:8080', ALLOW_PRIVATE_STORE_URLS: 'true' }))).toEqual({ baseUrl: 'http://localhost:8080' });
  });

  it('registers nothing without an address, with a broken one, or with webhooks turned off', () => {
    expect(webhookConfigFromEnv(env({}))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'not a url' }))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'ftp://orderbridge.example.com' }))).toBeNull();
    expect(webhookConfigFromEnv(env({ ORDERBRIDGE_PUBLIC_URL: 'https://orderbridge.example.com', ORDERBRIDGE_WEBHOOKS: 'off' }))).toBeNull();
  });
});
