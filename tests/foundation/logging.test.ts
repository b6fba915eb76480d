import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CredentialsSignin } from '@auth/core/errors';
import { stores } from '@/db/schema';
import { authLogger } from '@/lib/auth/auth-logger';
import { backgroundSyncOf, requestSyncNow } from '@/lib/console/sync-now';
import { log, redirectLogOutput } from '@/lib/log';
import { syncWorkspace } from '@/lib/sync';
import { createSyncWorkspace } from '@/tests/support/sync-fixtures';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

type LogLine = {
  level: string;
  msg: string;
  workspaceId?: string;
  runId?: string;
  storeId?: string;
  err: { type: string; message: string; stack: string; cause?: { message: string } };
};

const consumerKey = `ck_${'4'.repeat(40)}`;
const consumerSecret = `cs_${'5'.repeat(40)}`;
let database: TestDatabase;
let lines: string[] = [];
let restore: () => void;

function logged(message: string): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === message);
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());
afterEach(() => restore?.());

function captureLog() {
  lines = [];
  restore = redirectLogOutput({ write: (line: string) => void lines.push(line) });
}

describe('logging unexpected errors', () => {
  it("logs a failed sync run with the error's message and stack and the workspace, run and store it happened in", async () => {
    const { workspace, main } = await createSyncWorkspace(database.db, {
      main: { name: 'Main', url: 'http://127.0.0.1:9/main', consumerKey, consumerSecret },
      subs: [],
    });
    // The keys' columns swapped: they no longer decrypt, an error no store request could explain.
    await database.db
      .update(stores)
      .set({ consumerKeyEncrypted: main.consumerSecretEncrypted, consumerSecretEncrypted: main.consumerKeyEncrypted })
      .where(eq(stores.id, main.id));
    captureLog();

    const result = await syncWorkspace(database.db, workspace.id, { trigger: 'cli' });

    expect(result.status).toBe('failed');
    const [line] = logged('sync run failed');
    expect(line).toMatchObject({ level: 'error', workspaceId: workspace.id, runId: result.runId, storeId: main.id, trigger: 'cli' });
    expect(line.err.message).toMatch(/Cannot decrypt a stored credential/);
    expect(line.err.stack).toMatch(/secret-box\.ts:\d+/);
  });

  it('logs a failed Sync Now with its cause and the workspace, and never the credentials the error carries', async () => {
    const { workspace } = await createSyncWorkspace(database.db, {
      main: { name: 'Main', url: 'http://127.0.0.1:9/other', consumerKey, consumerSecret },
      subs: [],
    });
    captureLog();
    const failure = Object.assign(
      new Error(`GET http://127.0.0.1:9/wp-json/wc/v3/orders?consumer_key=${consumerKey}&consumer_secret=${consumerSecret} failed`, {
        cause: new Error(`socket hang up (auth ${consumerKey})`),
      }),
      {
        code: 'ECONNRESET',
        config: {
          auth: { username: consumerKey, password: consumerSecret },
          headers: { Authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}` },
        },
        store: { consumerKey, consumerSecret, consumerSecretEncrypted: 'v2:abc:def' },
      },
    );

    await requestSyncNow(database.db, workspace.id, { via: 'this_process', run: () => Promise.reject(failure) });
    await backgroundSyncOf(workspace.id);

    const [line] = logged('Sync Now: the background run failed');
    expect(line).toMatchObject({ level: 'error', workspaceId: workspace.id, err: { type: 'Error', code: 'ECONNRESET' } });
    expect(line.err.message).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/wp-json\/wc\/v3\/orders\?consumer_key=\[redacted\]/);
    expect(line.err.stack).toMatch(/logging\.test\.ts:\d+/);
    expect(line.err.cause?.message).toMatch(/socket hang up/);
    const output = lines.join('');
    for (const secret of [
      consumerKey,
      consumerSecret,
      consumerKey.slice(3),
      Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64'),
      'v2:abc:def',
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it("takes Auth.js's errors too: a wrong password is a warning, anything else an error with its stack", () => {
    captureLog();
    authLogger.error(new CredentialsSignin());
    authLogger.error(new Error(`adapter failed for postgres://orderbridge:hunter2@db`));
    const [wrongPassword, unexpected] = lines.map((line) => JSON.parse(line) as LogLine & { authError: string });
    expect(wrongPassword).toMatchObject({ level: 'warn', authError: 'CredentialsSignin' });
    expect(wrongPassword.err).toBeUndefined();
    expect(unexpected).toMatchObject({
      level: 'error',
      msg: 'auth failed unexpectedly',
      err: { message: 'adapter failed for postgres://[redacted]@db' },
    });
    expect(unexpected.err.stack).toMatch(/logging\.test\.ts:\d+/);
  });

  it('masks credentials in the message text too, as a library logging through it may put them there', () => {
    captureLog();
    log.warn(`retrying GET /orders?consumer_key=${consumerKey}`);
    log.warn('could not reach %s', 'postgres://orderbridge:hunter2@db/orderbridge');
    expect(lines.map((line) => (JSON.parse(line) as LogLine).msg)).toEqual([
      'retrying GET /orders?consumer_key=[redacted]',
      'could not reach postgres://[redacted]@db/orderbridge',
    ]);
  });
});
