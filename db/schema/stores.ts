import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from './accounts';

export const STORE_ROLES = ['main', 'sub'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];

export const stores = pgTable(
  'stores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stores_workspace_url_idx').on(t.workspaceId, t.url),
    uniqueIndex('stores_one_main_idx').on(t.workspaceId).where(sql`${t.role} = 'main'`),
    index('stores_workspace_idx').on(t.workspaceId),
  ],
);

/** A store's registered customers by email, so a copy can name its customer instead of being a guest order. */
export const storeCustomers = pgTable(
  'store_customers',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id').notNull().references(() => stores.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    email: text('email').notNull(),
    remoteId: bigint('remote_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.email] })],
);

export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
