import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { sleep } from '@/lib/utils/sleep';
import { localServerEnv } from '@/tests/support/local-server-env';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `npm start` (the production server as deployed, with its Node flags) with the environment the e2e server
 * gets (`localServerEnv`); resolves once /api/health answers.
 */
export async function startNextServer(databaseUrl: string): Promise<{ baseUrl: string; processGroup: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('npm', ['start', '--', '-p', String(port), '-H', '127.0.0.1'], {
    // Its own process group, so stopping it stops npm and the server npm started.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...localServerEnv(baseUrl, { DATABASE_URL: databaseUrl }) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, processGroup: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`next start did not answer /api/health within 60 s: ${stderr}`);
}

/** Signs in through Auth.js's credentials endpoints (csrf, then callback) and returns the Cookie header to send. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrf.headers.getSetCookie());
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/orders` }),
  });
  const session = cookiePairs(response.headers.getSetCookie()).filter((pair) => pair.includes('session-token'));
  if (session.length === 0) throw new Error(`Signing in as ${email} failed: ${response.status} ${response.headers.get('location') ?? ''}`);
  return [...csrfCookies, ...session].join('; ');
}

function cookiePairs(setCookies: string[]): string[] {
  return setCookies.map((c) => c.split(';')[0]).filter((pair) => !pair.endsWith('='));
}
