import { randomBytes } from 'node:crypto';
import { defineRoute } from '@/simulator/http/route-builder';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import { invalidParams, missingParams, RestError } from '@/simulator/rest-errors';
import { checkEnum, parseBooleanParam } from '@/simulator/rest-validation';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl } from '@/simulator/store-identity';
import { truncateToSecond } from '@/simulator/wc-dates';
import { webhookJson } from '@/simulator/webhook-json';
import { HOOKS_BY_TOPIC, type Webhook, type WebhookStatus } from '@/simulator/webhook-types';

const STATUSES: WebhookStatus[] = ['active', 'paused', 'disabled'];

function isValidTopic(topic: string): boolean {
  return topic in HOOKS_BY_TOPIC || /^action\.\w+$/.test(topic);
}

function validateWebhookFields(body: Record<string, unknown>): void {
  if (body.status !== undefined) {
    const problem = checkEnum('status', String(body.status), STATUSES);
    if (problem) throw invalidParams([problem]);
  }
  if (body.topic !== undefined && !isValidTopic(String(body.topic))) {
    throw new RestError('woocommerce_rest_webhook_invalid_topic', 'Webhook topic is required and must be valid.', 400);
  }
  if (body.delivery_url !== undefined && !/^https?:\/\//.test(String(body.delivery_url))) {
    throw new RestError(
      'woocommerce_rest_webhook_invalid_delivery_url',
      'Webhook delivery URL must be a valid URL starting with http:// or https://.',
      400,
    );
  }
}

const invalidWebhook = () => new RestError('woocommerce_rest_webhook_invalid_id', 'Invalid ID.', 404);

function collectionRoute(request: RestRequest, store: SimStore): RestResponse {
  const identity = store.state.identity;
  if (request.method === 'GET') {
    request.authorize();
    const status = typeof request.query.status === 'string' ? request.query.status : 'all';
    const webhooks = store.webhooks.list().filter((webhook) => status === 'all' || webhook.status === status);
    return {
      status: 200,
      body: webhooks.map((webhook) => webhookJson(webhook, identity)),
      headers: { 'X-WP-Total': String(webhooks.length), 'X-WP-TotalPages': webhooks.length ? '1' : '0' },
    };
  }
  const missing = ['topic', 'delivery_url'].filter((field) => request.body[field] === undefined);
  if (missing.length) throw missingParams(missing);
  validateWebhookFields(request.body);
  request.authorize();
  const webhook: Webhook = {
    id: store.state.ids.webhook.next(),
    name:
      request.body.name === undefined ? `Webhook created on ${new Date(store.state.clock.now()).toUTCString()}` : String(request.body.name),
    status: (request.body.status as WebhookStatus | undefined) ?? 'active',
    topic: String(request.body.topic),
    deliveryUrl: String(request.body.delivery_url),
    secret: request.body.secret === undefined ? randomBytes(25).toString('hex') : String(request.body.secret),
    createdAt: truncateToSecond(store.state.clock.now()),
    modifiedAt: null,
    failureCount: 0,
  };
  store.webhooks.add(webhook);
  store.webhooks.ping(webhook);
  return {
    status: 201,
    body: webhookJson(webhook, identity),
    headers: { Location: restUrl(identity, `/wc/v3/webhooks/${webhook.id}`) },
  };
}

function itemRoute(request: RestRequest, store: SimStore): RestResponse {
  const identity = store.state.identity;
  if (request.method !== 'GET' && request.method !== 'DELETE') validateWebhookFields(request.body);
  request.authorize();
  const webhook = store.webhooks.get(Number(request.pathParams.id));
  if (!webhook) throw invalidWebhook();
  if (request.method === 'GET') return { status: 200, body: webhookJson(webhook, identity) };
  if (request.method === 'DELETE') {
    const force = parseBooleanParam(typeof request.query.force === 'string' ? request.query.force : undefined, false);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.', 501);
    const body = webhookJson(webhook, identity);
    store.webhooks.remove(webhook.id);
    return { status: 200, body };
  }
  const body = request.body;
  if (body.name !== undefined) webhook.name = String(body.name);
  if (body.topic !== undefined) webhook.topic = String(body.topic);
  if (body.delivery_url !== undefined) webhook.deliveryUrl = String(body.delivery_url);
  if (body.secret !== undefined) webhook.secret = String(body.secret);
  if (body.status !== undefined) {
    webhook.status = body.status as WebhookStatus;
    if (webhook.status === 'active') webhook.failureCount = 0;
  }
  webhook.modifiedAt = truncateToSecond(store.state.clock.now());
  return { status: 200, body: webhookJson(webhook, identity) };
}

export const webhookRoutes = [
  defineRoute<SimStore>('/wc/v3/webhooks', { GET: 'list', POST: 'create' }, 'GET, POST', collectionRoute),
  defineRoute<SimStore>(
    '/wc/v3/webhooks/:id',
    { GET: 'view', POST: 'edit', PUT: 'edit', PATCH: 'edit', DELETE: 'delete' },
    'GET, POST, PUT, PATCH, DELETE',
    itemRoute,
  ),
];
