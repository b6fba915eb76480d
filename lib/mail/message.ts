export type MailMessage = { to: string; subject: string; text: string; html?: string };

export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
}
