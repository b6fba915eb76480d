import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, timestamp, uuid, boolean, uniqueIndex } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
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
  addCopyNote: boolean('add_copy_note').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/** Failed sign-ins per (ip, email), to slow down password guessing. */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
