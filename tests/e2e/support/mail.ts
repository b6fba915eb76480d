/**
 * The SMTP port the e2e server sends its email to (playwright.config.ts sets its SMTP_URL): a spec that reads
 * mail starts tests/support/smtp-inbox.ts there. Without one listening, mail sent after a response is logged as
 * not sent, and the page is unaffected.
 */
export function e2eSmtpPort(): number {
  return Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 20_000);
}
