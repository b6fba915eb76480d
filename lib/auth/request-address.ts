import { headers } from 'next/headers';
import { serverEnv } from '@/lib/env/server-env';
import { clientAddress } from '@/lib/rate-limits';

/** The address of the client behind the current server action or page request, as TRUSTED_PROXY says to read it. */
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers(), serverEnv().trustedProxy);
}
