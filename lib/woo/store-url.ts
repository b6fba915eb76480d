import { UserFacingError } from '@/lib/errors';

/**
 * The store's address as Orderbridge will call it: scheme required, trailing slashes and a pasted
 * `/wp-json…` suffix removed. The host is kept exactly as typed — WooCommerce signs requests against its
 * own home URL, so `www.` or `localhost` vs `127.0.0.1` must not be "corrected" here.
 */
export function normaliseStoreUrl(input: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new UserFacingError('Enter the store address, for example https://shop.example.com.', 'invalid_url');
  if (/\s/.test(trimmed)) throw new UserFacingError('The store address cannot contain spaces.', 'invalid_url');
  const scheme = trimmed.match(/^([a-z][a-z0-9+.-]*):\/\//i)?.[1]?.toLowerCase();
  if (!scheme) {
    throw new UserFacingError(
      `Add the scheme to the store address: https://${trimmed.replace(/^\/+/, '')} (or http:// if the store has no SSL).`,
      'invalid_url',
    );
  }
  if (scheme !== 'http' && scheme !== 'https') {
    throw new UserFacingError(`A store address starts with https:// or http://, not ${scheme}://.`, 'invalid_url');
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new UserFacingError(`"${trimmed}" is not a valid web address.`, 'invalid_url');
  }
  if (!parsed.hostname)
    throw new UserFacingError('The store address needs a host name, for example https://shop.example.com.', 'invalid_url');
  if (parsed.username || parsed.password) {
    throw new UserFacingError(
      'Remove the user name and password from the store address; the API keys are entered separately.',
      'invalid_url',
    );
  }
  if (parsed.search || parsed.hash || /[?#]/.test(trimmed)) {
    throw new UserFacingError(
      'Enter only the store address, without "?" or "#" parts, for example https://shop.example.com.',
      'invalid_url',
    );
  }
  const rest = trimmed.slice(scheme.length + 3);
  const withoutSuffix = rest
    .replace(/\/+$/, '')
    .replace(/\/wp-json(\/.*)?$/i, '')
    .replace(/\/+$/, '');
  return `${scheme}://${withoutSuffix}`;
}
