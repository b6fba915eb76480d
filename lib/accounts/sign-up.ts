import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/passwords';
import { findUserByEmail, insertUser } from '@/lib/data/users';
import { insertWorkspaceWithOwner } from '@/lib/data/workspaces';
import { UserFacingError } from '@/lib/errors';

export const signUpSchema = z.object({
  name: z.string().trim().max(100).optional().default(''),
  email: z.string().trim().toLowerCase().email('Enter a valid email address.'),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
    .max(200, 'That password is too long (200 characters at most).'),
  workspaceName: z.string().trim().max(80).optional(),
});
export type SignUpInput = z.input<typeof signUpSchema>;

/** A workspace's slug: its name's, with a random tail so two workspaces of one name never clash. */
export function workspaceSlug(name: string): string {
  return `${slugify(name)}-${randomBytes(3).toString('hex')}`;
}

function slugify(text: string): string {
  const base = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

/** Creates the user, their workspace (the tenant) and the owner membership together. */
export async function signUp(db: Db, input: SignUpInput) {
  const data = signUpSchema.parse(input);
  if (await findUserByEmail(db, data.email)) {
    throw new UserFacingError('An account with this email already exists. Sign in instead.', 'email_taken');
  }
  const passwordHash = await hashPassword(data.password);
  const workspaceName = data.workspaceName || (data.name ? `${data.name}'s stores` : `${data.email.split('@')[0]}'s stores`);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: data.email, name: data.name || null, passwordHash });
      const workspace = await insertWorkspaceWithOwner(tx, { name: workspaceName, slug: workspaceSlug(workspaceName), ownerId: user.id });
      return { user, workspace };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UserFacingError('An account with this email already exists. Sign in instead.', 'email_taken');
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}
