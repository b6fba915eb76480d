import { appLink, sendMail } from '@/lib/mail';
import type { InvitationMailer } from './invitations';

/** Invitations leave through the app's one mail module (SMTP, or the development outbox). */
export const appMailer: InvitationMailer = { send: (message) => sendMail(message), link: appLink };
