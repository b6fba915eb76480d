import { Inngest } from 'inngest';
import { log } from '@/lib/log';

/**
 * The one Inngest client. Mode and keys come from the environment, read by the SDK itself:
 * INNGEST_DEV=1 (local dev server) or INNGEST_SIGNING_KEY / INNGEST_EVENT_KEY (Inngest Cloud or self-hosted).
 * It logs through the app's one logger.
 */
export const inngest = new Inngest({ id: 'orderbridge', logger: log });
