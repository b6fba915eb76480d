import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  links: string[];
  receivedAt: number;
};

export type SmtpInbox = {
  /** `smtp://127.0.0.1:<port>`: what the app's `SMTP_URL` is set to. */
  url: string;
  port: number;
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[];
  /**
   * The next message to `to` (case-insensitive) not yet returned by an earlier call, optionally with a matching
   * subject; waits for it to arrive. Each message is handed out once, so a flow can wait for "the next" email.
   */
  waitForMail(to: string, options?: { subject?: string | RegExp; timeoutMs?: number }): Promise<ReceivedMail>;
  /** The first link in `mail` whose path starts with `pathPrefix` (e.g. '/reset-password/'). */
  linkIn(mail: ReceivedMail, pathPrefix: string): string;
  close(): Promise<void>;
};

/** A real SMTP server on a loopback port (a free one unless given) that keeps what it receives (no TLS, any or no login). */
export async function startSmtpInbox(options: { port?: number } = {}): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const handedOut = new Set<ReceivedMail>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          messages.push({
            from: parsed.from?.text ?? '',
            to: envelopeTo,
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            links: text.match(/https?:\/\/[^\s<>"')]+/g) ?? [],
            receivedAt: Date.now(),
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  const take = (to: string, subject?: string | RegExp) => {
    const address = to.toLowerCase();
    const found = messages.find(
      (mail) =>
        !handedOut.has(mail) &&
        mail.to.includes(address) &&
        (subject === undefined || (typeof subject === 'string' ? mail.subject.includes(subject) : subject.test(mail.subject))),
    );
    if (found) handedOut.add(found);
    return found;
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitForMail(to, { subject, timeoutMs = 15_000 } = {}) {
      const ready = take(to, subject);
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const check = () => {
          const mail = take(to, subject);
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No email to ${to}${subject ? ` with subject ${subject}` : ''} within ${timeoutMs} ms; received: ${JSON.stringify(messages.map((m) => [m.to, m.subject]))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    linkIn(mail, pathPrefix) {
      const link = mail.links.find((candidate) => new URL(candidate).pathname.startsWith(pathPrefix));
      if (!link) throw new Error(`No link to ${pathPrefix}… in "${mail.subject}": ${mail.links.join(', ') || 'no links'}`);
      return link;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
