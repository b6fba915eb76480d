import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CostModel } from '@/simulator/cost-model';
import type { FaultOptions, ScriptedFault } from '@/simulator/faults';
import { isPlainObject } from '@/simulator/order-input';
import type { StoreHandle } from '@/simulator/store-handle';
import type { WebhookDeliveryOptions } from '@/simulator/webhook-dispatcher';

type Json = Record<string, unknown>;

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

function parse(rawBody: string): Json {
  if (!rawBody.trim()) return {};
  const parsed: unknown = JSON.parse(rawBody);
  return isPlainObject(parsed) ? parsed : {};
}

function summary(handle: StoreHandle) {
  return {
    name: handle.name,
    url: handle.url,
    readWrite: handle.readWrite,
    readOnly: handle.readOnly,
    orders: handle.orders.count,
    now: new Date(handle.clock.now()).toISOString(),
    clockFrozen: handle.clock.isFrozen,
    cost: handle.cost.current,
    faults: handle.faults.current,
    requests: { total: handle.requestCount, byRoute: handle.requests.byRoute() },
  };
}

function applyClock(handle: StoreHandle, body: Json): void {
  if (body.freeze === true) handle.clock.freeze(typeof body.at === 'string' ? new Date(body.at) : undefined);
  if (body.unfreeze === true) handle.clock.unfreeze();
  if (typeof body.set === 'string') handle.clock.set(new Date(body.set));
  if (typeof body.advanceMs === 'number') handle.clock.advance(body.advanceMs);
}

/**
 * `/__sim/...`: the simulator's own control API (no auth, no faults, not counted) — the same operations
 * tests reach in process through the store handle.
 */
export function createAdminHandler(getHandle: () => StoreHandle) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL, rawBody: string): Promise<void> => {
    const handle = getHandle();
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/\/$/, '');
    try {
      const body = method === 'GET' ? {} : parse(rawBody);
      const orderMatch = /^\/__sim\/orders\/(\d+)(\/touch)?$/.exec(path);
      const refundMatch = /^\/__sim\/orders\/(\d+)\/refunds$/.exec(path);
      if (path === '/__sim' && method === 'GET') return send(response, 200, summary(handle));
      if (path === '/__sim/orders' && method === 'GET') {
        const metaKey = url.searchParams.get('meta_key');
        return send(
          response,
          200,
          metaKey ? handle.orders.withMeta(metaKey, url.searchParams.get('meta_value') ?? undefined) : handle.orders.all(),
        );
      }
      if (path === '/__sim/orders' && method === 'POST')
        return send(response, 201, handle.createOrderDirectly(Object.keys(body).length ? body : undefined));
      if (refundMatch && method === 'POST') return send(response, 201, handle.refundOrderDirectly(Number(refundMatch[1]), body));
      if (orderMatch && orderMatch[2] && method === 'POST') return send(response, 200, handle.touchOrder(Number(orderMatch[1])));
      if (orderMatch && method === 'GET') {
        const order = handle.orders.get(Number(orderMatch[1]));
        return order ? send(response, 200, order) : send(response, 404, { error: 'no such order' });
      }
      if (orderMatch && (method === 'PUT' || method === 'POST'))
        return send(response, 200, handle.updateOrderDirectly(Number(orderMatch[1]), body));
      if (path === '/__sim/seed' && method === 'POST') {
        handle.seedOrders(Number(body.count ?? 0), { spacingMs: typeof body.spacingMs === 'number' ? body.spacingMs : undefined });
        return send(response, 200, { orders: handle.orders.count });
      }
      if (path === '/__sim/faults' && method === 'GET')
        return send(response, 200, { ...handle.faults.current, injected: handle.faults.injected });
      if (path === '/__sim/faults' && (method === 'PUT' || method === 'POST')) {
        handle.faults.configure(body as Partial<FaultOptions>);
        return send(response, 200, handle.faults.current);
      }
      if (path === '/__sim/faults' && method === 'DELETE') {
        handle.faults.clear();
        return send(response, 200, handle.faults.current);
      }
      if (path === '/__sim/faults/inject' && method === 'POST') {
        handle.faults.inject(body as unknown as ScriptedFault);
        return send(response, 200, { ok: true });
      }
      if (path === '/__sim/cost' && method === 'GET') return send(response, 200, handle.cost.current);
      if (path === '/__sim/cost' && (method === 'PUT' || method === 'POST')) {
        handle.cost.set(body as Partial<CostModel>);
        return send(response, 200, handle.cost.current);
      }
      if (path === '/__sim/clock' && method === 'GET')
        return send(response, 200, { now: new Date(handle.clock.now()).toISOString(), frozen: handle.clock.isFrozen });
      if (path === '/__sim/clock' && method === 'POST') {
        applyClock(handle, body);
        return send(response, 200, { now: new Date(handle.clock.now()).toISOString(), frozen: handle.clock.isFrozen });
      }
      if (path === '/__sim/outbox' && method === 'GET') return send(response, 200, handle.outbox.list());
      if (path === '/__sim/outbox' && method === 'DELETE') {
        handle.outbox.clear();
        return send(response, 200, []);
      }
      if (path === '/__sim/stats' && method === 'GET')
        return send(response, 200, { total: handle.requestCount, byRoute: handle.requests.byRoute() });
      if (path === '/__sim/stats' && method === 'DELETE') {
        handle.requests.reset();
        return send(response, 200, { total: 0 });
      }
      if (path === '/__sim/webhooks' && method === 'GET')
        return send(response, 200, {
          options: handle.webhooks.deliveryOptions,
          webhooks: handle.webhooks.list().map(({ secret: _secret, ...webhook }) => webhook),
        });
      if (path === '/__sim/webhooks' && (method === 'PUT' || method === 'POST')) {
        handle.webhooks.configure(body as Partial<WebhookDeliveryOptions>);
        return send(response, 200, { options: handle.webhooks.deliveryOptions });
      }
      if (path === '/__sim/webhooks/deliveries' && method === 'GET') return send(response, 200, handle.webhooks.deliveries());
      if (path === '/__sim/webhooks/flush' && method === 'POST') {
        await handle.webhooks.flush();
        return send(response, 200, handle.webhooks.deliveries());
      }
      if (path === '/__sim/products' && method === 'GET') return send(response, 200, handle.store.state.catalogue.all());
      return send(response, 404, { error: `no admin route ${method} ${path}` });
    } catch (error) {
      return send(response, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}
