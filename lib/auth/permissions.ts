import { MEMBERSHIP_ROLES, type MembershipRole } from '@/db/schema';

export type Role = MembershipRole;

/**
 * The one rule table: each thing a person can do in a workspace, and the lowest role allowed to do it.
 * Every server action and route names its permission here (lib/actions/workspace-action.ts,
 * workspace-route.ts), and pages hide controls by the same table, so the UI and the server cannot disagree.
 */
export const PERMISSIONS = {
  /** One's own account and sessions (sign out everywhere): anyone signed in to the workspace. */
  'account.own': 'member',
  /** Anyone may switch among their own workspaces (creating one needs no membership: app/(app)/workspaces/actions.ts). */
  'workspaces.switch': 'member',
  'orders.view': 'member',
  'activity.view': 'member',
  'sync.now': 'member',
  'sync.order': 'member',
  'members.view': 'member',
  'workspace.leave': 'member',
  'stores.manage': 'admin',
  'settings.manage': 'admin',
  'onboarding.manage': 'admin',
  'members.manage': 'owner',
  'invitations.manage': 'owner',
  'workspace.delete': 'owner',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function can(role: Role, permission: Permission): boolean {
  return RANK[role] >= RANK[PERMISSIONS[permission]];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (MEMBERSHIP_ROLES as readonly string[]).includes(value);
}

/** Highest first, as the role menus list them. */
export const MEMBERSHIP_ROLE_ORDER: readonly Role[] = ['owner', 'admin', 'member'];

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including members, roles and deleting the workspace.',
  admin: 'Stores, keys and sync settings, and everything a member can do.',
  member: 'Sees orders and activity, runs Sync Now and Sync Order.',
};

export const REFUSED_BY_ROLE = 'Your role in this workspace does not allow that. Ask an owner or admin.';
