import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    /** When the person proved they read mail sent to `email`; null until then, and again after a change of address. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const MEMBERSHIP_ROLES = ['owner', 'admin', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const CUSTOMER_EMAIL_POLICIES = ['suppress', 'allow'] as const;
export const STOCK_POLICIES = ['reduce', 'leave'] as const;
export const CURRENCY_MISMATCH_POLICIES = ['hold', 'allow'] as const;

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Where the merchant is in the onboarding wizard; null once finished. */
  onboardingStep: text('onboarding_step').default('workspace'),
  syncStartAt: timestamp('sync_start_at', { withTimezone: true }),
  keepSubstoreCopiesUpdated: boolean('keep_substore_copies_updated').notNull().default(false),
  customerEmailPolicy: text('customer_email_policy', { enum: CUSTOMER_EMAIL_POLICIES }).notNull().default('suppress'),
  stockPolicy: text('stock_policy', { enum: STOCK_POLICIES }).notNull().default('reduce'),
  currencyMismatchPolicy: text('currency_mismatch_policy', { enum: CURRENCY_MISMATCH_POLICIES }).notNull().default('hold'),
  /** A private note on every copy: one request per copy (notes cannot be batched), so only on request. */
  addCopyNote: boolean('add_copy_note').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // By user too: every request finds the signed-in user's membership (lib/data/workspaces.ts).
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Fixed-window counters behind every rate limit (sign-in, sign-up, connection checks, the onboarding preview):
 * one row per (bucket, key), bumped with a single INSERT … ON CONFLICT … RETURNING so that concurrent requests
 * each see their own count. `key` is a hash of the address, account or workspace counted.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index('rate_limits_window_idx').on(t.windowStartedAt)],
);

/**
 * One row per signed-in browser: the session token names its row, and a page or action accepts the token only
 * while the row exists. Signing out deletes the row, "sign out everywhere" and a password change delete the
 * user's other rows, so a copied or stolen token stops working at once, before its 30 days are up.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/**
 * An invitation to join a workspace with a role, sent by email. Only a SHA-256 hash of its token is kept, so the
 * link in the email is the one copy of the secret; accepting or revoking deletes the row.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_idx').on(t.tokenHash),
    // One pending invitation per address (stored lower-cased) per workspace: inviting again renews it.
    uniqueIndex('invitations_workspace_email_idx').on(t.workspaceId, t.email),
  ],
);

export const ACCOUNT_TOKEN_PURPOSES = ['password_reset', 'email_verification'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * The single-use links sent by email (password reset, address verification). Only a SHA-256 hash of the token
 * is kept, so a copy of this table opens nothing; `email` is the address the link was sent to, and the link
 * works only while it is still the account's address.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_tokens_hash_idx').on(t.tokenHash), index('account_tokens_user_idx').on(t.userId, t.purpose)],
);

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;
