import type { Db } from '@/db/client';
import { logError } from '@/lib/log';
import { DeliveryTooLargeError, readRequestBody } from './read-request-body';
import { MAX_DELIVERY_BYTES, receiveDelivery, type WebhookSyncStarter } from './receive-delivery';

/** The receiver as HTTP: WooCommerce only looks at the status; the short JSON helps whoever reads its logs. */
export async function handleWebhookRequest(db: Db, request: Request, token: string, startSync: WebhookSyncStarter): Promise<Response> {
  let rawBody: Buffer;
  try {
    rawBody = await readRequestBody(request, MAX_DELIVERY_BYTES);
  } catch (error) {
    if (error instanceof DeliveryTooLargeError) return Response.json({ result: 'too_large' }, { status: 413 });
    throw error;
  }
  try {
    const outcome = await receiveDelivery(
      db,
      {
        token,
        contentType: request.headers.get('content-type'),
        signature: request.headers.get('x-wc-webhook-signature'),
        rawBody,
      },
      startSync,
    );
    return Response.json({ result: outcome.result }, { status: outcome.status });
  } catch (error) {
    // The store does not retry; the next scheduled sync reads what this delivery announced.
    logError('Webhook delivery could not be handled', error);
    return Response.json({ result: 'error' }, { status: 500 });
  }
}
