import { restUrl, type StoreIdentity } from './store-identity';
import { HOOKS_BY_TOPIC, type Webhook } from './webhook-types';
import { formatWcDate, formatWcDateOrNull } from './wc-dates';

export function webhookJson(webhook: Webhook, store: StoreIdentity): Record<string, unknown> {
  const [resource, event] = webhook.topic.split('.');
  const self = restUrl(store, `/wc/v3/webhooks/${webhook.id}`);
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks: HOOKS_BY_TOPIC[webhook.topic] ?? [],
    delivery_url: webhook.deliveryUrl,
    date_created: formatWcDate(webhook.createdAt, store.utcOffsetMinutes),
    date_created_gmt: formatWcDate(webhook.createdAt),
    date_modified: formatWcDateOrNull(webhook.modifiedAt, store.utcOffsetMinutes),
    date_modified_gmt: formatWcDateOrNull(webhook.modifiedAt),
    _links: {
      self: [{ href: self, targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] } }],
      collection: [{ href: restUrl(store, '/wc/v3/webhooks') }],
    },
  };
}
