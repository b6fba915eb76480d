import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { UserFacingError } from '../accounts/errors';
import { resolveWorkspaceContext, type WorkspaceContext } from '../auth/workspace-context';
import { logError, type LogContext } from '../log';
import type { ActionState } from './action-state';

type Role = WorkspaceContext['role'];
const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export type ActionInput = FormData | Record<string, unknown> | undefined;

function toObject(input: ActionInput): Record<string, unknown> {
  if (!input) return {};
  if (input instanceof FormData) {
    const result: Record<string, unknown> = {};
    for (const [key, value] of input.entries()) if (!key.startsWith('$ACTION')) result[key] = value;
    return result;
  }
  return input;
}

/**
 * The one way a server action touches data: parse the input with zod → authenticate → resolve the
 * membership and workspace → check the role → act. Only UserFacingError messages reach the browser.
 */
export function workspaceAction<Schema extends z.ZodType, Result>(
  schema: Schema,
  act: (input: z.output<Schema>, context: WorkspaceContext) => Promise<Result>,
  options: { minimumRole?: Role } = {},
) {
  return async (_previous: ActionState<Result>, input?: ActionInput): Promise<ActionState<Result>> => {
    const parsed = schema.safeParse(toObject(input));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.')] ??= []).push(issue.message);
      return { ok: false, error: parsed.error.issues[0]?.message ?? 'Check the form and try again.', fieldErrors };
    }
    let context: WorkspaceContext | null = null;
    try {
      context = await resolveWorkspaceContext();
      if (!context) return { ok: false, error: 'Your session has ended. Sign in again.' };
      if (ROLE_RANK[context.role] < ROLE_RANK[options.minimumRole ?? 'member']) {
        return { ok: false, error: 'Your role in this workspace does not allow that. Ask an owner or admin.' };
      }
      return { ok: true, data: await act(parsed.data, context) };
    } catch (error) {
      unstable_rethrow(error);
      return failedAction(error, context ? { workspaceId: context.workspace.id, userId: context.user.id } : {});
    }
  };
}

/** What the browser is told of an action that threw: a UserFacingError's message, otherwise nothing specific (the log gets it all). */
export function failedAction(error: unknown, context: LogContext = {}): { ok: false; error: string } {
  if (error instanceof UserFacingError) return { ok: false, error: error.message };
  logError('server action failed unexpectedly', error, context);
  return { ok: false, error: 'Something went wrong on our side. Try again in a moment.' };
}
