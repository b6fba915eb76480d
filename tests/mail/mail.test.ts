import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerEnv } from '@/lib/env/server-env';
import { redirectLogOutput } from '@/lib/log';
import { mailConfig, outboxDir } from '@/lib/mail/config';
import { writeToOutbox } from '@/lib/mail/outbox';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;
let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  // Before the first serverEnv() read: the process's mail goes to this test's SMTP server.
  process.env.SMTP_URL = inbox.url;
  process.env.MAIL_FROM = 'Orderbridge Test <no-reply@orderbridge.test>';
  process.env.AUTH_URL = 'https://app.orderbridge.test/';
});
afterAll(() => inbox.close());

describe('sendMail over SMTP', () => {
  it('delivers a plain text email (and its HTML part) to a real SMTP server, from MAIL_FROM', async () => {
    const { sendMail, appLink } = await import('@/lib/mail');
    const link = appLink('/reset-password/abc123');
    expect(link).toBe('https://app.orderbridge.test/reset-password/abc123');
    await sendMail({
      to: 'Merchant@Example.test',
      subject: 'Reset your password',
      text: `Open ${link} to continue.`,
      html: `<p><a href="${link}">Reset</a></p>`,
    });
    const mail = await inbox.waitForMail('merchant@example.test');
    expect(mail.subject).toBe('Reset your password');
    expect(mail.from).toContain('no-reply@orderbridge.test');
    expect(mail.text).toContain('Open https://app.orderbridge.test/reset-password/abc123 to continue.');
    expect(mail.html).toContain('<a href=');
    expect(inbox.linkIn(mail, '/reset-password/')).toBe(link);
  });

  it('hands each message out once, and waits for the next one', async () => {
    const { sendMail } = await import('@/lib/mail');
    const waiting = inbox.waitForMail('twice@example.test', { subject: /second/ });
    await sendMail({ to: 'twice@example.test', subject: 'first', text: 'one' });
    await sendMail({ to: 'twice@example.test', subject: 'second', text: 'two' });
    expect((await waiting).text.trim()).toBe('two');
    expect((await inbox.waitForMail('twice@example.test')).subject).toBe('first');
    await expect(inbox.waitForMail('twice@example.test', { timeoutMs: 200 })).rejects.toThrow(/No email to twice@example.test/);
  });

  it('throws when the SMTP server is unreachable, so the caller can say the email was not sent', async () => {
    const { createTransport } = await import('nodemailer');
    const closed = await startSmtpInbox();
    await closed.close();
    await expect(createTransport(closed.url).sendMail({ from: 'a@b.test', to: 'c@d.test', subject: 's', text: 't' })).rejects.toThrow();
  });
});

describe('the local outbox (no SMTP_URL)', () => {
  it('is chosen without SMTP_URL, under .data/outbox', () => {
    expect(mailConfig({ SMTP_URL: undefined, MAIL_FROM: undefined })).toMatchObject({ kind: 'outbox', dir: outboxDir() });
    expect(outboxDir('/srv/app')).toBe('/srv/app/.data/outbox');
    expect(mailConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'x@y.test' })).toEqual({
      kind: 'smtp',
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'x@y.test',
    });
  });

  it('keeps each email as one readable file and prints its links in the log', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
    const lines: string[] = [];
    const restore = redirectLogOutput({ write: (line: string) => void lines.push(line) });
    try {
      const link = 'http://localhost:3000/verify-email/0123456789abcdef0123456789abcdef';
      writeToOutbox(dir, 'Orderbridge <no-reply@x.test>', {
        to: 'dev@example.test',
        subject: 'Confirm your email',
        text: `Confirm: ${link}`,
      });
      writeToOutbox(dir, 'Orderbridge <no-reply@x.test>', { to: 'dev@example.test', subject: 'Second', text: 'no link' });
      const files = readdirSync(dir);
      expect(files).toHaveLength(2);
      const first = files.map((file) => readFileSync(path.join(dir, file), 'utf8')).find((body) => body.includes('Confirm your email'));
      expect(first).toContain('To: dev@example.test');
      expect(first).toContain(`Confirm: ${link}`);
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.mail?.subject === 'Confirm your email');
      expect(logged.mail.links).toEqual([link]);
      expect(logged.msg).toMatch(/local outbox/);
    } finally {
      restore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the local outbox on a production server (opt-in)', () => {
  it('keeps the email but never prints its links: they would let whoever reads the logs reset a password', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
    const lines: string[] = [];
    const restore = redirectLogOutput({ write: (line: string) => void lines.push(line) });
    const nodeEnv = process.env.NODE_ENV;
    (process.env as Record<string, string | undefined>).NODE_ENV = 'production';
    try {
      const link = 'https://orderbridge.example.com/reset-password/0123456789abcdef0123456789abcdef';
      writeToOutbox(dir, 'Orderbridge <no-reply@x.test>', {
        to: 'ops@example.test',
        subject: 'Reset your password',
        text: `Reset: ${link}`,
      });
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.mail?.subject === 'Reset your password');
      expect(logged.mail.to).toBe('ops@example.test');
      expect(lines.join('\n')).not.toContain('0123456789abcdef0123456789abcdef');
      expect(readFileSync(path.join(dir, readdirSync(dir)[0]), 'utf8')).toContain(link);
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
      restore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('production start-up and email', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_SECRET: 'x'.repeat(40),
    ORDERBRIDGE_ENCRYPTION_KEY: 'ab'.repeat(32),
    INNGEST_SIGNING_KEY: 'signkey-prod-123',
    DATABASE_URL: 'postgres://orderbridge@db.internal:5432/orderbridge',
    TRUSTED_PROXY: '1',
    AUTH_URL: 'https://orderbridge.example.com',
    SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
    MAIL_FROM: 'Orderbridge <no-reply@example.com>',
  };

  it('refuses to start without SMTP_URL (no email would ever leave), unless a local test server opts into the outbox', () => {
    expect(() => loadServerEnv(env({ ...production, SMTP_URL: '' }))).toThrow(
      /cannot start in production without: SMTP_URL \(the SMTP server that sends password resets/,
    );
    expect(() => loadServerEnv(env({ ...production, SMTP_URL: '', ORDERBRIDGE_ALLOW_MAIL_OUTBOX_IN_PRODUCTION: 'true' }))).not.toThrow();
  });

  it('asks for MAIL_FROM with SMTP, and AUTH_URL for the links', () => {
    expect(() => loadServerEnv(env({ ...production, MAIL_FROM: '' }))).toThrow(/without: MAIL_FROM/);
    const { AUTH_URL: _unset, ...withoutPublicUrl } = production;
    expect(() => loadServerEnv(env(withoutPublicUrl))).toThrow(/AUTH_URL \(the app's public URL/);
    expect(() => loadServerEnv(env(production))).not.toThrow();
  });

  it('explains an SMTP_URL it cannot use, without echoing it', () => {
    expect(() => loadServerEnv(env({ ...production, SMTP_URL: 'mailer:secret-pw@smtp.example.com' }))).toThrow(
      /SMTP_URL must look like smtp:\/\//,
    );
    expect(() => loadServerEnv(env({ ...production, SMTP_URL: 'mailer:secret-pw@smtp.example.com' }))).not.toThrow(/secret-pw/);
  });
});
