import { createTransport, type Transporter } from 'nodemailer';
import { logError } from '@/lib/log';
import { mailConfig, publicBaseUrl } from './config';
import type { MailMessage } from './message';
import { writeToOutbox } from './outbox';

export type { MailMessage } from './message';

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * Sends one email: through SMTP when `SMTP_URL` is set, else into the local outbox (development; production
 * refuses to start without SMTP, see lib/env/server-env.ts). Throws when the SMTP server refuses it.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const config = mailConfig();
  if (config.kind === 'outbox') {
    writeToOutbox(config.dir, config.from, message);
    return;
  }
  try {
    await transportFor(config.smtpUrl).sendMail({
      from: config.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
    });
  } catch (error) {
    logError('The SMTP server did not accept an email', error, { subject: message.subject });
    throw error;
  }
}

/** An absolute link to `path` on the app's public URL (`AUTH_URL`), for emails. */
export function appLink(path: string): string {
  return `${publicBaseUrl()}${path.startsWith('/') ? path : `/${path}`}`;
}
