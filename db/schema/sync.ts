import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './accounts';
import { stores } from './stores';

/**
 * The order index: every order pulled from every store, keyed by (store, remote id).
 * `body` keeps what a copy is built from (lines, addresses, notes…), not the whole remote payload.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    remoteId: bigint('remote_id', { mode: 'number' }).notNull(),
    number: text('number').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    total: text('total').notNull(),
    customerEmail: text('customer_email'),
    customerName: text('customer_name'),
    dateCreatedGmt: timestamp('date_created_gmt', { withTimezone: true }).notNull(),
    dateModifiedGmt: timestamp('date_modified_gmt', { withTimezone: true }).notNull(),
    /** Set when this order is itself a copy made by Orderbridge (`<storeId>:<orderId>` of its origin). */
    originRef: text('origin_ref'),
    originLinkId: uuid('origin_link_id'),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    pulledAt: timestamp('pulled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_store_remote_idx').on(t.storeId, t.remoteId),
    index('orders_workspace_created_idx').on(t.workspaceId, t.dateCreatedGmt.desc(), t.id),
    index('orders_workspace_email_idx').on(t.workspaceId, sql`lower(${t.customerEmail})`),
    index('orders_workspace_number_idx').on(t.workspaceId, t.number),
    index('orders_workspace_store_created_idx').on(t.workspaceId, t.storeId, t.dateCreatedGmt.desc(), t.id),
    index('orders_workspace_status_created_idx').on(t.workspaceId, t.status, t.dateCreatedGmt.desc(), t.id),
    // Store and status together (the list's filters): the page and its capped count read off the index alone.
    index('orders_workspace_store_status_created_idx').on(t.workspaceId, t.storeId, t.status, t.dateCreatedGmt.desc(), t.id),
  ],
);

export const LINK_STATES = ['pending', 'creating', 'synced', 'failed', 'held'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** One row per (source order, target store): the claim that makes creation exactly-once. */
export const orderLinks = pgTable(
  'order_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sourceOrderId: uuid('source_order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    targetStoreId: uuid('target_store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['to_sub', 'to_main'] }).notNull(),
    state: text('state', { enum: LINK_STATES }).notNull().default('pending'),
    targetRemoteId: bigint('target_remote_id', { mode: 'number' }),
    targetNumber: text('target_number'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Source modified time whose state the copy reflects; a newer source means an update is due. */
    syncedSourceModifiedGmt: timestamp('synced_source_modified_gmt', { withTimezone: true }),
    needsUpdate: boolean('needs_update').notNull().default(false),
    /** A private note (copy origin, suppressed customer email) still has to be added to the created copy. */
    noteDue: boolean('note_due').notNull().default(false),
    /** Source private notes created from this time on, and not yet in `syncedNoteIds`, are carried to the copy. */
    notesSinceGmt: timestamp('notes_since_gmt', { withTimezone: true }),
    syncedNoteIds: jsonb('synced_note_ids').$type<number[]>().notNull().default([]),
    /** Set just before notes are sent to the copy, cleared once recorded: set, a send may have landed unrecorded. */
    notesClaimedAt: timestamp('notes_claimed_at', { withTimezone: true }),
    /** Source refunds (their WooCommerce ids) already mirrored onto the copy. */
    syncedRefundIds: jsonb('synced_refund_ids').$type<number[]>().notNull().default([]),
    /** Set just before refunds are sent to the copy, cleared once recorded: set, the copy's refunds are read for our marker first. */
    refundsClaimedAt: timestamp('refunds_claimed_at', { withTimezone: true }),
    /** What differs between source and copy when the source's lines changed after the copy had moved on (completed, refunded). */
    changedAfterCopy: text('changed_after_copy'),
    /** The source's lines as the copy last reflected them: a later difference is a line edit to carry (or flag). */
    syncedLines: jsonb('synced_lines').$type<Array<Record<string, unknown>>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('order_links_source_target_idx').on(t.sourceOrderId, t.targetStoreId),
    index('order_links_workspace_state_idx').on(t.workspaceId, t.state),
    index('order_links_target_remote_idx').on(t.targetStoreId, t.targetRemoteId),
    // The copies Orderbridge wrote on a store lately, newest first: what the pending notice leaves out of the store's count.
    index('order_links_target_written_idx')
      .on(t.targetStoreId, t.updatedAt.desc())
      .where(sql`${t.targetRemoteId} is not null`),
    index('order_links_workspace_needs_update_idx')
      .on(t.workspaceId)
      .where(sql`${t.needsUpdate}`),
    index('order_links_workspace_changed_idx')
      .on(t.workspaceId, t.sourceOrderId)
      .where(sql`${t.changedAfterCopy} is not null`),
    // A copy that could not take its source's refund (`refundHeldCondition`): the held counts and filter read it here.
    index('order_links_workspace_refund_held_idx')
      .on(t.workspaceId, t.sourceOrderId, t.direction)
      .where(sql`${t.state} = 'synced' and not ${t.needsUpdate} and ${t.lastError} is not null`),
    index('order_links_workspace_open_idx')
      .on(t.workspaceId, t.targetStoreId)
      .where(sql`${t.state} <> 'synced' or ${t.noteDue}`),
    // Every link the pending counts and the sync-state filters look at, with what they read: index-only.
    index('order_links_workspace_unsynced_idx')
      .on(t.workspaceId, t.sourceOrderId, t.direction, t.state, t.needsUpdate, t.nextAttemptAt)
      .where(sql`${t.state} <> 'synced' or ${t.needsUpdate}`),
  ],
);

export const ORDER_EVENT_KINDS = [
  'created',
  'updated',
  'held',
  'retried',
  'adopted',
  'failed',
  'warning',
  'pulled',
  'refunded',
  'cancelled',
  'edited',
  'changed',
] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    linkId: uuid('link_id').references(() => orderLinks.id, { onDelete: 'set null' }),
    runId: uuid('run_id'),
    kind: text('kind', { enum: ORDER_EVENT_KINDS }).notNull(),
    message: text('message').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.at),
    index('order_events_workspace_kind_at_idx').on(t.workspaceId, t.kind, t.at),
    index('order_events_run_idx').on(t.runId),
  ],
);

export const SYNC_TRIGGERS = ['schedule', 'sync_now', 'sync_order', 'webhook', 'cli'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export type SyncCounts = {
  pulled: number;
  toSub: { created: number; updated: number; held: number; failed: number };
  toMain: { created: number; updated: number; held: number; failed: number };
};

/** `interrupted`: the run's process died (a crash, a killed attempt) and another run took the workspace over. */
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'skipped', 'interrupted'] as const;

/** What a run sliced over several invocations carries from one slice to the next, besides counts and errors. */
export type SyncRunCarry = {
  held: SyncIssueRecord[];
  failed: SyncIssueRecord[];
  warnings: string[];
  requests: number;
  slices: number;
  /** Stores an earlier slice read to the end: a run reads each store once, later slices only push. */
  pulled?: string[];
  /** What earlier slices learned about the targets: which SKUs each carries, whose new accounts were read. */
  skus?: Record<string, Record<string, boolean>>;
  customersRead?: string[];
  /** List pages each store has sent this run (its page budget is per run, across slices). */
  pagesSpent?: Record<string, number>;
  /** How each target took batches when the slice stopped, by store id: the next slice starts at that pace. */
  pacing?: Record<string, CarriedPacing>;
};
/** Batches in flight (ramp state) and time per order a target showed; `savedAt` in epoch ms (lib/sync/target-pacing.ts). */
export type CarriedPacing = {
  level: number;
  settled: boolean;
  previous: { inFlight: number; msPerOrder: number } | null;
  msPerOrder: number | null;
  savedAt: number;
};
export type SyncIssueRecord = { orderId: string; orderNumber: string; sourceStoreName: string; targetStoreName: string; reason: string };

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: SYNC_TRIGGERS }).notNull(),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull().default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    counts: jsonb('counts').$type<SyncCounts>(),
    errors: jsonb('errors').$type<string[]>().notNull().default([]),
    /** Live progress while running: which store, how many done. */
    progress: jsonb('progress').$type<Record<string, unknown>>(),
    summary: text('summary'),
    /** Set while a run spans several slices (see lib/sync/run-slice.ts). */
    carry: jsonb('carry').$type<SyncRunCarry>(),
  },
  (t) => [
    index('sync_runs_workspace_started_idx').on(t.workspaceId, t.startedAt.desc()),
    // The last finished run (the pending notice's "checked …", the progress bar's result) in one index probe.
    index('sync_runs_workspace_finished_idx').on(t.workspaceId, t.finishedAt.desc()),
  ],
);

/** One run per workspace at a time, whatever triggered it. */
export const syncLeases = pgTable('sync_leases', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  holder: text('holder').notNull(),
  runId: uuid('run_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type Order = typeof orders.$inferSelect;
export type OrderLink = typeof orderLinks.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
