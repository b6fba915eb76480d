import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';

/**
 * On Vercel each call Inngest makes here (one step: a slice of a sync, or a page of the scheduler) may take this
 * long; a sync slice's budget stays well under it (docs/inngest.md). Other hosts ignore it.
 */
export const maxDuration = 300;

export const { GET, POST, PUT } = serve({ client: inngest, functions });
