import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log } from '@/lib/log';
import { linksIn, type MailMessage } from './message';

/**
 * Development without SMTP: each email becomes one readable file under `.data/outbox/`, and its links are
 * printed through the logger (not in production), so a developer can follow a reset or verification link from the terminal.
 */
export function writeToOutbox(dir: string, from: string, message: MailMessage): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${randomBytes(3).toString('hex')}.txt`);
  const headers = [`From: ${from}`, `To: ${message.to}`, `Subject: ${message.subject}`, `Date: ${new Date().toUTCString()}`];
  writeFileSync(file, `${headers.join('\n')}\n\n${message.text}\n`, { mode: 0o600 });
  // A production server kept on the outbox by opt-in never prints the links: they sign in as whoever they were sent to.
  const links = process.env.NODE_ENV === 'production' ? undefined : linksIn(message.text);
  log.info({ mail: { to: message.to, subject: message.subject, links, file } }, 'Email kept in the local outbox (no SMTP_URL set)');
  return file;
}
