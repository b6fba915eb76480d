import { plural } from '@/lib/utils/plural';

/** A limit: at most `limit` counted events per `windowMs` for each key of the bucket; `what` names them in messages. */
export type RateLimit = { bucket: string; limit: number; windowMs: number; what: string };

const MINUTE = 60_000;

export const RATE_LIMITS = {
  /** Attempts at one account, counted before the password is checked; a successful sign-in clears them. */
  signInPerAccount: { bucket: 'sign-in:account', limit: 10, windowMs: 15 * MINUTE, what: 'failed sign-ins for this email' },
  /** Attempts from one address; each success gives its attempt back, so this counts failures. */
  signInPerAddress: { bucket: 'sign-in:address', limit: 30, windowMs: 15 * MINUTE, what: 'failed sign-ins from your network address' },
  signUpPerAddress: { bucket: 'sign-up:address', limit: 30, windowMs: 60 * MINUTE, what: 'new accounts from your network address' },
  /** Counted for every address asked about, with or without an account, so the answer tells nothing. */
  passwordResetPerAccount: {
    bucket: 'password-reset:account',
    limit: 5,
    windowMs: 60 * MINUTE,
    what: 'password reset emails for this address',
  },
  passwordResetPerAddress: {
    bucket: 'password-reset:address',
    limit: 20,
    windowMs: 60 * MINUTE,
    what: 'password reset requests from your network address',
  },
  /** Verification emails of one account (resends and changes of address). */
  verificationEmailPerUser: {
    bucket: 'verification-email:user',
    limit: 5,
    windowMs: 60 * MINUTE,
    what: 'verification emails for your account',
  },
  connectionCheckPerAddress: {
    bucket: 'connection-check:address',
    limit: 60,
    windowMs: 60 * MINUTE,
    what: 'store connection checks from your network address',
  },
  connectionCheckPerWorkspace: {
    bucket: 'connection-check:workspace',
    limit: 30,
    windowMs: 60 * MINUTE,
    what: 'store connection checks in this workspace',
  },
  /** New workspaces: each brings its own per-workspace limits (connection checks), so their number is limited too. */
  workspacesPerUser: { bucket: 'workspaces:user', limit: 10, windowMs: 24 * 60 * MINUTE, what: 'new workspaces from your account' },
  /** Invitation emails (new and resent): a workspace cannot be used to mail strangers in bulk. */
  invitationsPerWorkspace: {
    bucket: 'invitations:workspace',
    limit: 20,
    windowMs: 60 * MINUTE,
    what: 'invitation emails from this workspace',
  },
  invitationsPerUser: { bucket: 'invitations:user', limit: 50, windowMs: 24 * 60 * MINUTE, what: 'invitation emails sent by you' },
  /** A lease rather than a rate (see `runExclusive`): one preview at a time per workspace, freed when it ends or after the window. */
  onboardingPreviewRunning: { bucket: 'onboarding-preview:running', limit: 1, windowMs: 5 * MINUTE, what: 'A preview of this workspace' },
} as const satisfies Record<string, RateLimit>;

/** "15 minutes", "1 hour": how a window is named in messages. */
export function describeDuration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  return minutes % 60 === 0 ? plural(minutes / 60, 'hour') : plural(minutes, 'minute');
}
