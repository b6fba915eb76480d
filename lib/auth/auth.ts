import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { createUserSession, deleteUserSession } from '@/lib/data/user-sessions';
import { serverEnv } from '@/lib/env/server-env';
import { clientAddress } from '@/lib/rate-limits';
import { authenticate } from './authenticate';
import { authConfig, SESSION_MAX_AGE_SECONDS, sessionIdOf } from './auth.config';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}
class TooManyAttempts extends CredentialsSignin {
  code = 'locked';
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().min(1), password: z.string().min(1) });

export const { handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const db = await getDb();
        const result = await authenticate(
          db,
          parsed.data.email,
          parsed.data.password,
          clientAddress(request.headers, serverEnv().trustedProxy),
        );
        if (!result.ok) throw result.reason === 'locked' ? new TooManyAttempts() : new InvalidCredentials();
        const sessionId = await createUserSession(db, result.user.id, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000));
        return { ...result.user, sessionId };
      },
    }),
  ],
  logger: {
    // A wrong password is an expected answer, already counted in rate_limits: no stack trace per guess.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth][error] ${error.name}: ${error.message}`);
    },
  },
  events: {
    // Signing out ends this session on the server too: a copy of its token is refused from now on.
    async signOut(message) {
      const sessionId = 'token' in message && message.token ? sessionIdOf(message.token) : null;
      if (sessionId) await deleteUserSession(await getDb(), sessionId);
    },
  },
});
