import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from './accounts';

export const STORE_ROLES = ['main', 'sub'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];

export const stores = pgTable(
  'stores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    role: text('role', { enum: STORE_ROLES }).notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** AES-256-GCM ciphertexts, `<keyId>:<iv>:<tag>:<data>` — see lib/crypto. */
    consumerKeyEncrypted: text('consumer_key_encrypted').notNull(),
    consumerSecretEncrypted: text('consumer_secret_encrypted').notNull(),
    encryptionKeyId: text('encryption_key_id').notNull(),
    consumerKeyLast4: text('consumer_key_last4').notNull(),
    paused: boolean('paused').notNull().default(false),
    receivesMainOrders: boolean('receives_main_orders').notNull().default(true),
    sendsOrdersToMain: boolean('sends_orders_to_main').notNull().default(true),
    currency: text('currency'),
    wooVersion: text('woo_version'),
    timezone: text('timezone'),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    /** Keyset pull cursor: last modified time seen (GMT, second precision) and the ids already seen at it. */
    pullCursorModifiedGmt: timestamp('pull_cursor_modified_gmt', { withTimezone: true }),
    pullCursorSeenIds: jsonb('pull_cursor_seen_ids').$type<number[]>().notNull().default([]),
    /** Batch size that fits this store's time limit, learned from its observed speed. */
    batchSize: integer('batch_size'),
    /** Highest customer id read into `store_customers`: customer ids only grow, so later reads stop there. */
    customersReadUpTo: bigint('customers_read_up_to', { mode: 'number' }),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** Opaque token in this store's webhook delivery URL: it names the store, the signature proves the sender. */
    webhookToken: text('webhook_token'),
    /** When this store last delivered a signed webhook: a working webhook needs no health check. */
    webhookSeenAt: timestamp('webhook_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stores_workspace_url_idx').on(t.workspaceId, t.url),
    uniqueIndex('stores_one_main_idx')
      .on(t.workspaceId)
      .where(sql`${t.role} = 'main'`),
    index('stores_workspace_idx').on(t.workspaceId),
    uniqueIndex('stores_webhook_token_idx').on(t.webhookToken),
  ],
);

export const WEBHOOK_TOPICS = ['order.created', 'order.updated'] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];
/** `paused`: turned off by the merchant in WooCommerce (left so, the store keeps polling); `disabled`: by WooCommerce after failed deliveries. */
export const STORE_WEBHOOK_STATUSES = ['active', 'paused', 'disabled', 'missing', 'failed'] as const;
export type StoreWebhookStatus = (typeof STORE_WEBHOOK_STATUSES)[number];

/** The webhooks Orderbridge registered on a store, one per topic, each with its own secret. */
export const storeWebhooks = pgTable(
  'store_webhooks',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    topic: text('topic', { enum: WEBHOOK_TOPICS }).notNull(),
    /** The webhook's id on the store; null while it could not be created. */
    remoteId: bigint('remote_id', { mode: 'number' }),
    /** AES-256-GCM, bound to the store and topic — see lib/crypto/webhook-secrets.ts. */
    secretEncrypted: text('secret_encrypted').notNull(),
    status: text('status', { enum: STORE_WEBHOOK_STATUSES }).notNull(),
    lastError: text('last_error'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.topic] }), index('store_webhooks_workspace_idx').on(t.workspaceId)],
);

/** A store's registered customers by email, so a copy can name its customer instead of being a guest order. */
export const storeCustomers = pgTable(
  'store_customers',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    email: text('email').notNull(),
    remoteId: bigint('remote_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.email] })],
);

export type Store = typeof stores.$inferSelect;
export type StoreWebhook = typeof storeWebhooks.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
