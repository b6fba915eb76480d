import { createHmac } from 'node:crypto';
import { orderJson } from './order-json';
import type { OrderEvent } from './order-events';
import { phpJsonEncode } from './php-json';
import { SeededRandom } from './random';
import type { StoreState } from './store-state';
import { MAX_DELIVERY_FAILURES, type Webhook, type WebhookDelivery } from './webhook-types';

export interface WebhookDeliveryOptions {
  /** Delay between an event and its delivery (WooCommerce queues them in Action Scheduler). */
  delayMs: number;
  /** A random extra delay up to this (WP-Cron runs when the site gets traffic: some deliveries wait longer). */
  delayJitterMs: number;
  timeoutMs: number;
  /** Probability that a queued delivery never runs (WP-Cron without traffic). */
  lostRate: number;
  seed: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = { delayMs: 1000, delayJitterMs: 0, timeoutMs: 5000, lostRate: 0, seed: 1 };

const USER_AGENT = 'WooCommerce/9.9.5 Hookshot (WordPress/6.8.8)';

export function webhookSignature(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Sends webhook deliveries like WooCommerce: asynchronously after a delay, bodies built at delivery time,
 * bursts for one order collapsed into one delivery, never retried, and disabled after repeated failures.
 */
export class WebhookDispatcher {
  private readonly webhooks = new Map<number, Webhook>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sent: WebhookDelivery[] = [];
  private random: SeededRandom;
  private closed = false;

  constructor(
    private readonly state: StoreState,
    private options: WebhookDeliveryOptions,
  ) {
    this.random = new SeededRandom(options.seed);
    state.events.subscribe((event) => this.onOrderEvent(event));
  }

  configure(options: Partial<WebhookDeliveryOptions>): void {
    this.options = { ...this.options, ...options };
    if (options.seed !== undefined) this.random = new SeededRandom(options.seed);
  }

  get deliveryOptions(): WebhookDeliveryOptions {
    return { ...this.options };
  }

  add(webhook: Webhook): void {
    this.webhooks.set(webhook.id, webhook);
  }

  get(id: number): Webhook | undefined {
    return this.webhooks.get(id);
  }

  remove(id: number): void {
    this.webhooks.delete(id);
  }

  list(): Webhook[] {
    return [...this.webhooks.values()];
  }

  deliveries(): WebhookDelivery[] {
    return [...this.sent];
  }

  /** The unsigned, form-encoded ping WooCommerce sends when a webhook is created. */
  ping(webhook: Webhook): void {
    this.track(
      this.post(webhook.deliveryUrl, `webhook_id=${webhook.id}`, {
        'user-agent': USER_AGENT,
        'content-type': 'application/x-www-form-urlencoded',
      }).then(() => undefined),
    );
  }

  /** Delivers everything queued now and waits until every delivery has finished. */
  async flush(): Promise<void> {
    for (const [key, timer] of this.pending) {
      clearTimeout(timer);
      this.pending.delete(key);
      this.startDelivery(key);
    }
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private onOrderEvent(event: OrderEvent): void {
    const topic = `order.${event.kind}`;
    for (const webhook of this.webhooks.values()) {
      if (webhook.status !== 'active' || webhook.topic !== topic) continue;
      const key = `${webhook.id}:${topic}:${event.order.id}`;
      if (this.pending.has(key) || this.closed) continue;
      if (this.options.lostRate > 0 && this.random.next() < this.options.lostRate) continue;
      const timer = setTimeout(
        () => {
          this.pending.delete(key);
          this.startDelivery(key);
        },
        this.options.delayMs + (this.options.delayJitterMs > 0 ? Math.floor(this.random.next() * this.options.delayJitterMs) : 0),
      );
      timer.unref();
      this.pending.set(key, timer);
    }
  }

  private startDelivery(key: string): void {
    const [webhookId, topic, orderId] = key.split(':');
    const webhook = this.webhooks.get(Number(webhookId));
    if (!webhook || webhook.status !== 'active') return;
    this.track(this.deliver(webhook, topic, Number(orderId)));
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(webhook: Webhook, topic: string, orderId: number): Promise<void> {
    const order = this.state.book.get(orderId);
    const payload = order && topic !== 'order.deleted' ? orderJson(order, this.state.identity) : { id: orderId };
    const rawBody = phpJsonEncode(payload);
    const [resource, event] = topic.split('.');
    const deliveryId = this.random.hex(32);
    const result = await this.post(webhook.deliveryUrl, rawBody, {
      'user-agent': USER_AGENT,
      'content-type': 'application/json',
      'x-wc-webhook-source': `${this.state.identity.homeUrl}/`,
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-signature': webhookSignature(webhook.secret, rawBody),
      'x-wc-webhook-id': String(webhook.id),
      'x-wc-webhook-delivery-id': deliveryId,
    });
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    webhook.failureCount = ok ? 0 : webhook.failureCount + 1;
    if (webhook.failureCount > MAX_DELIVERY_FAILURES) webhook.status = 'disabled';
    this.sent.push({
      webhookId: webhook.id,
      topic,
      resourceId: orderId,
      deliveryId,
      sentAt: this.state.clock.now(),
      responseStatus: result.status,
      error: result.error,
      ok,
    });
  }

  private async post(url: string, body: string, headers: Record<string, string>) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
