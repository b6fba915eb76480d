export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { serverEnv } = await import('./lib/env/server-env');
  serverEnv();
  const { getDb } = await import('./db/client');
  await getDb();
}
