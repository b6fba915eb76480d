import { UserFacingError } from '../accounts/errors';
import { can, REFUSED_BY_ROLE, type Permission } from '../auth/permissions';
import { resolveWorkspaceContext, type WorkspaceContext } from '../auth/workspace-context';
import { logError } from '../log';

/** Route handlers resolve user → membership → workspace → role the same way actions do; errors are JSON. */
export function workspaceRoute<Params>(
  handle: (request: Request, context: WorkspaceContext, params: Params) => Promise<Response>,
  options: { permission: Permission },
) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    const context = await resolveWorkspaceContext();
    if (!context) return Response.json({ error: 'Sign in to continue.' }, { status: 401 });
    if (!can(context.role, options.permission)) return Response.json({ error: REFUSED_BY_ROLE, code: 'forbidden' }, { status: 403 });
    try {
      return await handle(request, context, await route.params);
    } catch (error) {
      if (error instanceof UserFacingError) {
        return Response.json({ error: error.message, code: error.code }, { status: error.code === 'not_found' ? 404 : 400 });
      }
      logError('route handler failed unexpectedly', error, { workspaceId: context.workspace.id, userId: context.user.id, path: new URL(request.url).pathname });
      return Response.json({ error: 'Something went wrong on our side.' }, { status: 500 });
    }
  };
}
