import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { authenticate } from './authenticate';
import { authConfig } from './auth.config';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}
class TooManyAttempts extends CredentialsSignin {
  code = 'locked';
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().min(1), password: z.string().min(1) });

function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  return forwarded?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown';
}

export const { handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const result = await authenticate(await getDb(), parsed.data.email, parsed.data.password, clientIp(request));
        if (result.ok) return result.user;
        throw result.reason === 'locked' ? new TooManyAttempts() : new InvalidCredentials();
      },
    }),
  ],
});
