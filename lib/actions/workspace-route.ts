import { can, REFUSED_BY_ROLE, type Permission } from '@/lib/auth/permissions';
import { resolveWorkspaceContext, type WorkspaceContext } from '@/lib/auth/workspace-context';
import { errorResponse, UserFacingError } from '@/lib/errors';

/** Route handlers resolve user → membership → workspace → role the same way actions do; errors are JSON (lib/errors.ts). */
export function workspaceRoute<Params>(
  handle: (request: Request, context: WorkspaceContext, params: Params) => Promise<Response>,
  options: { permission: Permission },
) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    const context = await resolveWorkspaceContext();
    if (!context) return errorResponse(new UserFacingError('Sign in to continue.', 'signed_out'));
    if (!can(context.role, options.permission)) return errorResponse(new UserFacingError(REFUSED_BY_ROLE, 'forbidden'));
    try {
      return await handle(request, context, await route.params);
    } catch (error) {
      return errorResponse(error, { workspaceId: context.workspace.id, userId: context.user.id, path: new URL(request.url).pathname });
    }
  };
}
