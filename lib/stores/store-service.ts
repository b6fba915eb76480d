import type { Db } from '@/db/client';
import type { StoreRole } from '@/db/schema';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import type { EncryptionKeyring } from '@/lib/crypto/encryption-keys';
import { decryptStoreCredentials, encryptNewStoreCredentials, encryptStoreCredentials } from '@/lib/crypto/store-credentials';
import {
  countStoreHistory,
  deleteStore,
  findMainStore,
  findStore,
  findStoreByUrl,
  insertStore,
  listStores,
  updateStore,
} from '@/lib/data/stores';
import {
  checkStoreConnection,
  type ConnectionCheckInput,
  type ConnectionCheckOptions,
  type ConnectionCheckResult,
} from './connection-check';
import { RATE_LIMITS, reserveOrThrow, type RateLimit } from '@/lib/rate-limits';
import { normaliseStoreUrl } from '@/lib/woo/store-url';
import { validateConsumerCredentials } from './store-url';
import { toStoreView, type StoreView } from './store-view';
import type { Store } from '@/db/schema';
import { logError } from '@/lib/log';
import { plural } from '@/lib/utils/plural';
import { deregisterStoreWebhooks, registerStoreWebhooks, type WebhookSetup } from '@/lib/webhooks/registration';

/** `requesterAddress`: who asked, for the per-address limit on connection checks (the per-workspace one always applies). */
/** `webhooks`: where stores deliver webhooks (absent: the app has no reachable address, stores are polled only). */
export type StoreServiceOptions = {
  check?: ConnectionCheckOptions;
  keyring?: EncryptionKeyring;
  requesterAddress?: string;
  webhooks?: WebhookSetup | null;
};
export type ConnectStoreInput = { role: StoreRole; url: string; consumerKey: string; consumerSecret: string; name?: string };
export type CheckedStore = { check: ConnectionCheckResult; store: StoreView | null };

function alreadyConnected(name: string): UserFacingError {
  return new UserFacingError(
    `This store is already connected to this workspace (as "${name}"). Use "Replace keys" on the Stores page to change its keys.`,
    'already_connected',
  );
}

function secondMain(name: string): UserFacingError {
  return new UserFacingError(
    `This workspace already has a main store ("${name}"). Connect this store as a substore, or remove the main store first.`,
    'main_exists',
  );
}

function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Every live check sends requests to a host the merchant names: counted per workspace and per requesting
 * address before any request leaves, so neither a workspace nor a stream of new accounts can turn the
 * servers into a prober of other hosts.
 */
async function limitedCheck(
  db: Db,
  workspaceId: string,
  input: ConnectionCheckInput,
  options: StoreServiceOptions,
): Promise<ConnectionCheckResult> {
  const limits: Array<[RateLimit, string]> = [[RATE_LIMITS.connectionCheckPerWorkspace, workspaceId]];
  if (options.requesterAddress) limits.push([RATE_LIMITS.connectionCheckPerAddress, options.requesterAddress]);
  await reserveOrThrow(db, limits);
  return checkStoreConnection(input, options.check);
}

async function requireStore(db: Db, workspaceId: string, storeId: string) {
  const store = await findStore(db, workspaceId, storeId);
  if (!store) throw new NotFoundError('That store');
  return store;
}

/** The checks that need no network: a valid address, well-formed keys, not a duplicate, one main per workspace. */
export async function prepareStoreConnection(db: Db, workspaceId: string, input: ConnectStoreInput) {
  const url = normaliseStoreUrl(input.url);
  const credentials = validateConsumerCredentials(input.consumerKey, input.consumerSecret);
  const existing = await findStoreByUrl(db, workspaceId, url);
  if (existing) throw alreadyConnected(existing.name);
  if (input.role === 'main') {
    const main = await findMainStore(db, workspaceId);
    if (main) throw secondMain(main.name);
  }
  return { url, credentials };
}

/** Connect a store: live check → encrypt the keys → save. Nothing is saved unless every check passed. */
export async function connectStore(
  db: Db,
  workspaceId: string,
  input: ConnectStoreInput,
  options: StoreServiceOptions = {},
): Promise<CheckedStore> {
  const { url, credentials } = await prepareStoreConnection(db, workspaceId, input);
  const check = await limitedCheck(db, workspaceId, { url, ...credentials }, options);
  if (!check.ok) return { check, store: null };
  const facts = check.facts;
  // The same store reached through another host name (www., an alias) calls itself by the same home URL.
  const sameHome = facts?.homeUrl && facts.homeUrl !== url ? await findStoreByUrl(db, workspaceId, facts.homeUrl) : null;
  if (sameHome) throw alreadyConnected(sameHome.name);
  try {
    const store = await insertStore(db, workspaceId, {
      role: input.role,
      name: input.name?.trim() || facts?.siteName || new URL(url).host,
      url,
      ...encryptNewStoreCredentials(credentials, options.keyring),
      currency: facts?.currency ?? null,
      wooVersion: facts?.wooVersion ?? null,
      timezone: facts?.timezone ?? null,
      connectedAt: check.checkedAt,
      lastContactAt: check.checkedAt,
      meta: facts?.homeUrl ? { homeUrl: facts.homeUrl } : {},
    });
    if (options.webhooks) await registerStoreWebhooks(db, store, { keyring: options.keyring, ...options.webhooks }, credentials);
    return { check, store: toStoreView(store) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const duplicate = await findStoreByUrl(db, workspaceId, url);
    if (duplicate) throw alreadyConnected(duplicate.name);
    const main = await findMainStore(db, workspaceId);
    throw main ? secondMain(main.name) : error;
  }
}

export async function listStoreViews(db: Db, workspaceId: string): Promise<StoreView[]> {
  return (await listStores(db, workspaceId)).map(toStoreView);
}

export async function getStoreView(db: Db, workspaceId: string, storeId: string): Promise<StoreView> {
  return toStoreView(await requireStore(db, workspaceId, storeId));
}

function healthFrom(check: ConnectionCheckResult) {
  if (check.ok) {
    return {
      lastContactAt: check.checkedAt,
      lastError: null,
      lastErrorAt: null,
      ...(check.facts?.currency ? { currency: check.facts.currency } : {}),
      ...(check.facts?.wooVersion ? { wooVersion: check.facts.wooVersion } : {}),
      ...(check.facts?.timezone ? { timezone: check.facts.timezone } : {}),
    };
  }
  return { lastError: check.failure?.message ?? 'The connection check failed.', lastErrorAt: check.checkedAt };
}

/** Runs the live check with the saved keys and records the store's health. */
export async function recheckStore(db: Db, workspaceId: string, storeId: string, options: StoreServiceOptions = {}): Promise<CheckedStore> {
  const store = await requireStore(db, workspaceId, storeId);
  const credentials = decryptStoreCredentials(store, options.keyring);
  const check = await limitedCheck(db, workspaceId, { url: store.url, ...credentials }, options);
  const updated = await updateStore(db, workspaceId, storeId, healthFrom(check));
  if (!updated) throw new NotFoundError('That store');
  return { check, store: toStoreView(updated) };
}

/** New keys replace the old ones only after they pass the live check. */
export async function replaceStoreKeys(
  db: Db,
  workspaceId: string,
  storeId: string,
  input: { consumerKey: string; consumerSecret: string },
  options: StoreServiceOptions = {},
): Promise<CheckedStore> {
  const store = await requireStore(db, workspaceId, storeId);
  const credentials = validateConsumerCredentials(input.consumerKey, input.consumerSecret);
  const check = await limitedCheck(db, workspaceId, { url: store.url, ...credentials }, options);
  if (!check.ok) return { check, store: toStoreView(store) };
  // The old keys' webhooks go with them (the store may have revoked those keys: then they fail on their own).
  await removeWebhooksQuietly(db, store, options);
  const updated = await updateStore(db, workspaceId, storeId, {
    ...encryptStoreCredentials(storeId, credentials, options.keyring),
    ...healthFrom(check),
  });
  if (!updated) throw new NotFoundError('That store');
  if (options.webhooks) await registerStoreWebhooks(db, updated, { keyring: options.keyring, ...options.webhooks }, credentials);
  return { check, store: toStoreView(updated) };
}

export async function setStorePaused(db: Db, workspaceId: string, storeId: string, paused: boolean): Promise<StoreView> {
  const updated = await updateStore(db, workspaceId, storeId, { paused });
  if (!updated) throw new NotFoundError('That store');
  return toStoreView(updated);
}

export async function setSubstoreDirections(
  db: Db,
  workspaceId: string,
  storeId: string,
  directions: { receivesMainOrders?: boolean; sendsOrdersToMain?: boolean },
): Promise<StoreView> {
  const store = await requireStore(db, workspaceId, storeId);
  if (store.role !== 'sub')
    throw new UserFacingError(
      'These switches apply to substores; the main store sends to and receives from every substore.',
      'not_a_substore',
    );
  const updated = await updateStore(db, workspaceId, storeId, directions);
  if (!updated) throw new NotFoundError('That store');
  return toStoreView(updated);
}

/** The sentence the remove confirmation shows: exactly what goes, and what stays. */
export async function describeStoreRemoval(db: Db, workspaceId: string, storeId: string): Promise<string> {
  const store = await requireStore(db, workspaceId, storeId);
  const history = await countStoreHistory(db, workspaceId, storeId);
  const orders = plural(history.orders, 'order');
  const copies = plural(history.copies, 'copy', 'copies');
  return (
    `Removing "${store.name}" stops syncing it at once and deletes Orderbridge's record of it: its encrypted keys, ` +
    `the ${orders} indexed from it with their sync history, and the links to the ${copies} made on it. ` +
    'Nothing is deleted on any WooCommerce store: orders already copied stay where they are, but Orderbridge will no longer update them.'
  );
}

export async function removeStore(
  db: Db,
  workspaceId: string,
  storeId: string,
  options: Pick<StoreServiceOptions, 'keyring'> = {},
): Promise<void> {
  const store = await requireStore(db, workspaceId, storeId);
  await removeWebhooksQuietly(db, store, options);
  if (!(await deleteStore(db, workspaceId, storeId))) throw new NotFoundError('That store');
}

/** Webhook removal never blocks what the merchant asked for: a store that cannot be reached keeps a dead webhook. */
async function removeWebhooksQuietly(db: Db, store: Store, options: Pick<StoreServiceOptions, 'keyring'>): Promise<void> {
  await deregisterStoreWebhooks(db, store, { keyring: options.keyring }).catch((error: unknown) =>
    logError('Webhooks could not be removed from the store', error, { workspaceId: store.workspaceId, storeId: store.id }),
  );
}
