import { describe, expect, it } from 'vitest';
import { normaliseStoreUrl, validateConsumerCredentials } from '@/lib/stores';

describe('store URL normalisation', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com'],
    ['  https://shop.example.com/  ', 'https://shop.example.com'],
    ['https://shop.example.com/wp-json', 'https://shop.example.com'],
    ['https://shop.example.com/wp-json/', 'https://shop.example.com'],
    ['https://shop.example.com/wp-json/wc/v3/orders', 'https://shop.example.com'],
    ['HTTPS://shop.example.com/store//', 'https://shop.example.com/store'],
    ['http://localhost:8081/', 'http://localhost:8081'],
    ['http://127.0.0.1:8081/wp-json/', 'http://127.0.0.1:8081'],
    ['https://www.shop.example.com', 'https://www.shop.example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseStoreUrl(input)).toBe(expected);
  });

  it.each([
    ['', /Enter the store address/],
    ['shop.example.com', /Add the scheme to the store address: https:\/\/shop\.example\.com/],
    ['ftp://shop.example.com', /not ftp:\/\//],
    ['https://user:pass@shop.example.com', /Remove the user name and password/],
    ['https://shop.example.com/?page=1', /without "\?" or "#"/],
    ['https://shop example.com', /spaces/],
    ['https://', /not a valid web address|needs a host/],
  ])('refuses %j with a specific message', (input, message) => {
    expect(() => normaliseStoreUrl(input)).toThrow(message);
  });
});

describe('consumer key checks', () => {
  const key = `ck_${'1'.repeat(40)}`;
  const secret = `cs_${'2'.repeat(40)}`;
  it('trims pasted keys', () => {
    expect(validateConsumerCredentials(` ${key} `, `${secret}\n`)).toEqual({ consumerKey: key, consumerSecret: secret });
  });
  it('names swapped, missing and foreign values', () => {
    expect(() => validateConsumerCredentials(secret, key)).toThrow(/swapped/);
    expect(() => validateConsumerCredentials('', secret)).toThrow(/Enter the consumer key/);
    expect(() => validateConsumerCredentials(key, '')).toThrow(/Enter the consumer secret/);
    expect(() => validateConsumerCredentials('abc', secret)).toThrow(/starts with ck_/);
    expect(() => validateConsumerCredentials(key, 'abc')).toThrow(/starts with cs_/);
  });
});
