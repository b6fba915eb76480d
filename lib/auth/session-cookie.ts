/** Auth.js's session cookie: `__Secure-` prefixed over HTTPS, and split into `.0`, `.1`, … when large. */
const SESSION_COOKIE_NAMES = ['authjs.session-token', '__Secure-authjs.session-token'];

export function isSessionCookieName(name: string): boolean {
  return SESSION_COOKIE_NAMES.some((base) => name === base || name.startsWith(`${base}.`));
}

/** Whether a request carries a session cookie at all; it says nothing about whether the session is valid. */
export function hasSessionCookie(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) if (isSessionCookieName(name)) return true;
  return false;
}
