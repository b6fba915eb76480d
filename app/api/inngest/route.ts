import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';

export const { GET, POST, PUT } = serve({ client: inngest, functions });

/** Vercel stops a function after this many seconds; each sync slice budgets 240 s (docs/inngest.md). */
export const maxDuration = 300;
