import { z } from 'zod';
import { can, REFUSED_BY_ROLE, type Permission } from '@/lib/auth/permissions';
import { resolveWorkspaceContext, type WorkspaceContext } from '@/lib/auth/workspace-context';
import { failedAction, sessionEnded, type ActionState } from './action-state';

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

const permissions = new WeakMap<object, Permission>();

/** The permission an action was declared with (lib/auth/permissions.ts), so tests can hold every action to the rule table. */
export function permissionOf(action: unknown): Permission | undefined {
  return typeof action === 'function' ? permissions.get(action) : undefined;
}

/**
 * The one way a server action touches data: authenticate → resolve the membership and workspace → check the
 * role against the rule table → parse the input with zod → act. A role that may not act learns nothing of the
 * form's rules. Only messages lib/errors.ts shows reach the browser.
 */
export function workspaceAction<Schema extends z.ZodType, Result>(
  schema: Schema,
  act: (input: z.output<Schema>, context: WorkspaceContext) => Promise<Result>,
  options: { permission: Permission },
) {
  const action = async (_previous: ActionState<Result>, input?: ActionInput): Promise<ActionState<Result>> => {
    let context: WorkspaceContext | null = null;
    try {
      context = await resolveWorkspaceContext();
      if (!context) return sessionEnded();
      if (!can(context.role, options.permission)) return { ok: false, error: REFUSED_BY_ROLE };
      const parsed = schema.safeParse(toObject(input));
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.')] ??= []).push(issue.message);
        return { ok: false, error: parsed.error.issues[0]?.message ?? 'Check the form and try again.', fieldErrors };
      }
      return { ok: true, data: await act(parsed.data, context) };
    } catch (error) {
      return failedAction(error, context ? { workspaceId: context.workspace.id, userId: context.user.id } : {});
    }
  };
  permissions.set(action, options.permission);
  return action;
}
