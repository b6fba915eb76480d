import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseTrustedProxy, TRUSTED_PROXY_HELP, type TrustedProxy } from '@/lib/rate-limits/client-address';
import { readOrCreateDevSecret } from './dev-secrets';
import { DEV_FALLBACK_SCHEDULE_FLAG, devFallbackSchedulePeriodMs, isFlagOn, isInngestDevMode } from './inngest-mode';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().optional(),
  DB_DRIVER: z.enum(['neon', 'node-postgres']).optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)').optional(),
  AUTH_URL: z.string().url().optional(),
  ORDERBRIDGE_PUBLIC_URL: z
    .string()
    .url("ORDERBRIDGE_PUBLIC_URL must be the app's full public address, like https://orderbridge.example.com")
    .optional(),
  ORDERBRIDGE_ENCRYPTION_KEY: z.string().optional(),
  ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS: z.string().optional(),
  ALLOW_PRIVATE_STORE_URLS: booleanFlag,
  INNGEST_DEV: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  ORDERBRIDGE_SINGLE_SERVER: booleanFlag,
  ORDERBRIDGE_ALLOW_PRIVATE_STORES_IN_PRODUCTION: booleanFlag,
  ORDERBRIDGE_ALLOW_INNGEST_DEV_IN_PRODUCTION: booleanFlag,
  SMTP_URL: z
    .string()
    .optional()
    .refine(
      (value) => !value?.trim() || /^smtps?:\/\/[^/]/.test(value.trim()),
      'SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465',
    ),
  MAIL_FROM: z.string().optional(),
  ORDERBRIDGE_ALLOW_MAIL_OUTBOX_IN_PRODUCTION: booleanFlag,
  TRUSTED_PROXY: z
    .string()
    .optional()
    .refine((value) => {
      try {
        parseTrustedProxy(value);
        return true;
      } catch {
        return false;
      }
    }, TRUSTED_PROXY_HELP),
});

export type ServerEnv = z.infer<typeof envSchema> & { authSecret: string; trustedProxy: TrustedProxy };

/**
 * Reads and checks the environment once. In production, a missing secret or database, or a setting that
 * lowers a defence, stops start-up with a message naming the variable.
 */
export function loadServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const values = parsed.data;
  // `next build` evaluates modules without the runtime secrets; they are checked when the server starts.
  const isBuild = env.NEXT_PHASE === 'phase-production-build';
  const isProduction = values.NODE_ENV === 'production' && !isBuild;
  const missing: string[] = [];
  if (isProduction && !values.AUTH_SECRET) missing.push('AUTH_SECRET (openssl rand -base64 32)');
  if (isProduction && !values.ORDERBRIDGE_ENCRYPTION_KEY) missing.push('ORDERBRIDGE_ENCRYPTION_KEY (openssl rand -hex 32)');
  if (isProduction && !isInngestDevMode(values.INNGEST_DEV) && !values.INNGEST_SIGNING_KEY)
    missing.push('INNGEST_SIGNING_KEY (from Inngest Cloud or your self-hosted Inngest server)');
  if (isProduction && !values.DATABASE_URL?.trim() && !values.ORDERBRIDGE_SINGLE_SERVER) {
    missing.push(
      'DATABASE_URL (without it each server instance keeps its own embedded PGlite database; for one deliberate single server, set ORDERBRIDGE_SINGLE_SERVER=true)',
    );
  }
  if (isProduction && !values.TRUSTED_PROXY?.trim()) {
    missing.push(
      'TRUSTED_PROXY (who tells the client\'s address for rate limits: "vercel", the number of reverse proxies in front of the app, or "none" when clients reach next start directly)',
    );
  }
  if (isProduction && !values.SMTP_URL?.trim() && !values.ORDERBRIDGE_ALLOW_MAIL_OUTBOX_IN_PRODUCTION) {
    missing.push(
      'SMTP_URL (the SMTP server that sends password resets and address verifications, e.g. smtps://user:password@smtp.example.com:465)',
    );
  }
  if (isProduction && values.SMTP_URL?.trim() && !values.MAIL_FROM?.trim())
    missing.push('MAIL_FROM (the sender of those emails, e.g. "Orderbridge <no-reply@example.com>")');
  if (isProduction && !values.AUTH_URL?.trim())
    missing.push("AUTH_URL (the app's public URL, e.g. https://orderbridge.example.com: links in emails point there)");
  const refused: string[] = [];
  if (isProduction && values.ALLOW_PRIVATE_STORE_URLS && !values.ORDERBRIDGE_ALLOW_PRIVATE_STORES_IN_PRODUCTION) {
    refused.push('ALLOW_PRIVATE_STORE_URLS (it lets store URLs reach loopback and private addresses: your own network)');
  }
  if (isProduction && isInngestDevMode(values.INNGEST_DEV) && !values.ORDERBRIDGE_ALLOW_INNGEST_DEV_IN_PRODUCTION) {
    refused.push('INNGEST_DEV (it turns off the signature check on /api/inngest, so anyone could trigger syncs)');
  }
  if (isProduction && isFlagOn(env[DEV_FALLBACK_SCHEDULE_FLAG])) {
    refused.push(`${DEV_FALLBACK_SCHEDULE_FLAG} (the development fallback schedule; let Inngest run the schedule)`);
  }
  if (isProduction && values.ORDERBRIDGE_PUBLIC_URL?.startsWith('http:') && !values.ALLOW_PRIVATE_STORE_URLS) {
    refused.push('ORDERBRIDGE_PUBLIC_URL on plain http (stores would send order data unencrypted; give the app an https address)');
  }
  devFallbackSchedulePeriodMs(env);
  const problems = [
    missing.length ? `Orderbridge cannot start in production without: ${missing.join(', ')}.` : '',
    refused.length ? `Orderbridge refuses to start in production with these set: ${refused.join(', ')}.` : '',
  ].filter(Boolean);
  if (problems.length) throw new Error(`${problems.join(' ')} See .env.example.`);
  const authSecret =
    values.AUTH_SECRET ??
    (isBuild
      ? 'build-phase-placeholder-never-used-to-sign'
      : readOrCreateDevSecret('auth-secret', () => randomBytes(32).toString('base64')));
  return { ...values, authSecret, trustedProxy: parseTrustedProxy(values.TRUSTED_PROXY) };
}

let cached: ServerEnv | undefined;
export function serverEnv(): ServerEnv {
  cached ??= loadServerEnv();
  return cached;
}
