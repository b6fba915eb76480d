/** Set by the proxy on every page request it lets through: the path and query the merchant asked for. */
export const REQUESTED_PATH_HEADER = 'x-orderbridge-requested-path';

/** The sign-in page, told where to go back to afterwards (sign-in only follows same-site paths). */
export function signInPathFor(requestedPath: string | null | undefined): string {
  if (!requestedPath || !requestedPath.startsWith('/') || requestedPath.startsWith('//')) return '/sign-in';
  return `/sign-in?${new URLSearchParams({ callbackUrl: requestedPath })}`;
}
