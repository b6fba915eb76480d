import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where npm puts the Inngest dev server when the optional `inngest-cli` could download its binary. */
export const INNGEST_CLI_BINARY = 'node_modules/inngest-cli/bin/inngest';
const INNGEST_DEV_SERVER = 'http://127.0.0.1:8288';

export type LocalSchedule = { env: Record<string, string>; banner: string; stop: () => void };

/**
 * What runs the 5-minute schedule beside `npm run dev` / `npm run demo`: the Inngest dev server when its binary
 * is installed, otherwise the development fallback schedule inside the app's own process.
 */
export function startLocalSchedule(appUrl: string, options: { inngest: 'auto' | 'off' } = { inngest: 'auto' }): LocalSchedule {
  if (options.inngest === 'auto' && existsSync(INNGEST_CLI_BINARY)) {
    const devServer = spawn(INNGEST_CLI_BINARY, ['dev', '-u', `${appUrl}/api/inngest`, '--no-discovery'], { stdio: 'ignore' });
    devServer.once('exit', (code) => {
      if (code)
        console.error(`The Inngest dev server stopped (exit ${code}); is port 8288 taken? Syncs sent to it will fail until it runs again.`);
    });
    return {
      env: { INNGEST_DEV: '1', INNGEST_BASE_URL: INNGEST_DEV_SERVER },
      banner: `Schedule: the Inngest dev server (${INNGEST_DEV_SERVER}) fires it every 5 minutes and runs every sync; its UI shows each run.`,
      stop: () => void devServer.kill('SIGTERM'),
    };
  }
  const why =
    options.inngest === 'off'
      ? 'the Inngest dev server is switched off'
      : 'no Inngest dev server is installed (the optional inngest-cli needs internet at install)';
  return {
    env: { ORDERBRIDGE_DEV_FALLBACK_SCHEDULE: '1' },
    banner: `Schedule: DEVELOPMENT FALLBACK — ${why}, so the app syncs every workspace every 5 minutes itself. Never used in production.`,
    stop: () => undefined,
  };
}
