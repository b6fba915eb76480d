import type { MailMessage } from '@/lib/mail';

/** The emails of account care: plain text, one link each, saying why it came and what to do if unexpected. */
const signature = '\n\n— Orderbridge';

function greeting(name: string | null): string {
  return name ? `Hello ${name},` : 'Hello,';
}

export function passwordResetEmail(to: string, name: string | null, link: string, validForMinutes: number): MailMessage {
  return {
    to,
    subject: 'Reset your Orderbridge password',
    text:
      `${greeting(name)}\n\nSomeone (we hope you) asked to reset the password of your Orderbridge account.\n\n` +
      `Choose a new password here:\n${link}\n\n` +
      `The link works once, within ${validForMinutes} minutes. Setting a new password signs your account out everywhere.\n\n` +
      `If you did not ask for this, ignore this email: your password stays as it is.${signature}`,
  };
}

export function verificationEmail(to: string, name: string | null, link: string, validForHours: number): MailMessage {
  return {
    to,
    subject: 'Confirm your email address for Orderbridge',
    text:
      `${greeting(name)}\n\nPlease confirm that this is your email address, so that you can invite your team and we can reach you about your account:\n${link}\n\n` +
      `The link works once, within ${validForHours} hours. If you did not create an Orderbridge account, ignore this email.${signature}`,
  };
}

export function emailChangedNotice(to: string, name: string | null, newEmail: string): MailMessage {
  return {
    to,
    subject: 'Your Orderbridge email address was changed',
    text:
      `${greeting(name)}\n\nThe email address of your Orderbridge account was changed to ${newEmail}. Sign-ins and account emails use that address from now on.\n\n` +
      `If you did not make this change, reply to this email or contact your workspace owner at once.${signature}`,
  };
}

export function passwordChangedNotice(to: string, name: string | null): MailMessage {
  return {
    to,
    subject: 'Your Orderbridge password was changed',
    text: `${greeting(name)}\n\nThe password of your Orderbridge account was just changed, and its other sessions were signed out.\n\nIf this was not you, reset your password at once from the sign-in page.${signature}`,
  };
}
