import { getDb } from '@/db/client';
import { queueWebhookSync } from '@/inngest/queue';
import { inngestMode } from '@/lib/env/inngest-mode';
import { handleWebhookRequest } from '@/lib/webhooks/handle-request';
import { inProcessWebhookStarter } from '@/lib/webhooks/in-process-sync';

/** A store's WooCommerce webhook deliveries (see lib/webhooks/receive-delivery.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const starter = inngestMode() === 'inngest' ? queueWebhookSync : inProcessWebhookStarter(db);
  return handleWebhookRequest(db, request, token, starter);
}
