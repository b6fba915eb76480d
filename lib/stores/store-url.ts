import { UserFacingError } from '@/lib/errors';

export function consumerKeyLast4(consumerKey: string): string {
  return consumerKey.slice(-4);
}

/** WooCommerce keys look like `ck_` / `cs_` + 40 hex characters; catch the common paste mistakes early. */
export function validateConsumerCredentials(consumerKey: string, consumerSecret: string): { consumerKey: string; consumerSecret: string } {
  const key = consumerKey.trim();
  const secret = consumerSecret.trim();
  if (!key) throw new UserFacingError('Enter the consumer key (it starts with ck_).', 'invalid_key');
  if (!secret) throw new UserFacingError('Enter the consumer secret (it starts with cs_).', 'invalid_secret');
  if (key.startsWith('cs_') && secret.startsWith('ck_')) {
    throw new UserFacingError('The consumer key and secret are swapped: the key starts with ck_, the secret with cs_.', 'invalid_key');
  }
  if (!key.startsWith('ck_'))
    throw new UserFacingError(
      'A WooCommerce consumer key starts with ck_. Copy it again from WooCommerce → Settings → Advanced → REST API.',
      'invalid_key',
    );
  if (!secret.startsWith('cs_'))
    throw new UserFacingError(
      'A WooCommerce consumer secret starts with cs_. Copy it again from WooCommerce → Settings → Advanced → REST API.',
      'invalid_secret',
    );
  if (/\s/.test(key) || /\s/.test(secret)) throw new UserFacingError('The consumer key and secret cannot contain spaces.', 'invalid_key');
  return { consumerKey: key, consumerSecret: secret };
}
