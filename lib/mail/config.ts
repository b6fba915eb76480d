import path from 'node:path';
import { serverEnv, type ServerEnv } from '@/lib/env/server-env';

/** Where mail goes: an SMTP server, or (development, demo, local test servers) a folder a developer reads. */
export type MailConfig = { kind: 'smtp'; smtpUrl: string; from: string } | { kind: 'outbox'; dir: string; from: string };

export const DEV_MAIL_FROM = 'Orderbridge <no-reply@orderbridge.localhost>';

export function outboxDir(cwd = process.cwd()): string {
  return path.resolve(cwd, '.data', 'outbox');
}

export function mailConfig(env: Pick<ServerEnv, 'SMTP_URL' | 'MAIL_FROM'> = serverEnv()): MailConfig {
  const from = env.MAIL_FROM?.trim() || DEV_MAIL_FROM;
  const smtpUrl = env.SMTP_URL?.trim();
  return smtpUrl ? { kind: 'smtp', smtpUrl, from } : { kind: 'outbox', dir: outboxDir(), from };
}

/** The app's public address, without a trailing slash: links in emails start here. */
export function publicBaseUrl(env: Pick<ServerEnv, 'AUTH_URL'> = serverEnv()): string {
  const base = env.AUTH_URL?.trim() || `http://localhost:${process.env.PORT || 3000}`;
  return base.replace(/\/+$/, '');
}
