import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeInngestServer, useFakeInngestEnvironment } from './support/fake-inngest-server';

type RegisteredFunction = {
  id: string;
  name: string;
  triggers: Array<{ cron?: string; event?: string; expression?: string }>;
  steps: Record<string, { retries?: { attempts?: number }; runtime: { url: string } }>;
  singleton?: { key?: string; mode: string };
  debounce?: { key?: string; period: string; timeout?: string };
  concurrency?: Array<{ key?: string; limit: number }>;
};
type Registration = { appName: string; url: string; functions: RegisteredFunction[] };

let fakeInngest: Awaited<ReturnType<typeof startFakeInngestServer>>;
let route: typeof import('@/app/api/inngest/route');
const endpoint = 'http://localhost:3000/api/inngest';

beforeAll(async () => {
  fakeInngest = await startFakeInngestServer();
  useFakeInngestEnvironment(fakeInngest.url);
  route = await import('@/app/api/inngest/route');
});
afterAll(async () => fakeInngest?.close());

describe('the served Inngest app', () => {
  it('GET /api/inngest in dev mode reports the four functions and the failure handler', async () => {
    const response = await route.GET(new NextRequest(endpoint), undefined);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { function_count: number; mode: string };
    expect(body.mode).toBe('dev');
    // sync-scheduler, sync-workspace, sync-order, sync-workspace-on-webhook, and sync-workspace's onFailure handler
    expect(body.function_count).toBe(5);
  });

  it('PUT /api/inngest registers the cron, the singleton and concurrency keys and the event triggers', async () => {
    const response = await route.PUT(new NextRequest(endpoint, { method: 'PUT' }), undefined);
    expect(response.status).toBe(200);
    expect(fakeInngest.registrations).toHaveLength(1);
    const registration = fakeInngest.registrations[0] as Registration;
    expect(registration.appName).toBe('orderbridge');
    expect(registration.url).toBe(endpoint);

    const byId = new Map(registration.functions.map((f) => [f.id, f]));
    expect([...byId.keys()].sort()).toEqual([
      'orderbridge-sync-order',
      'orderbridge-sync-scheduler',
      'orderbridge-sync-workspace',
      'orderbridge-sync-workspace-failure',
      'orderbridge-sync-workspace-on-webhook',
    ]);

    const scheduler = byId.get('orderbridge-sync-scheduler')!;
    expect(scheduler.triggers).toEqual([{ cron: '*/5 * * * *' }]);

    const workspace = byId.get('orderbridge-sync-workspace')!;
    expect(workspace.triggers).toEqual([{ event: 'orderbridge/workspace.sync.requested' }]);
    expect(workspace.singleton).toEqual({ key: 'event.data.workspaceId + "-" + event.data.trigger', mode: 'skip' });
    expect(workspace.concurrency).toEqual([{ limit: 25 }, { key: 'event.data.storeHost', limit: 5 }]);
    expect(workspace.steps.step.retries).toEqual({ attempts: 3 });
    expect(workspace.steps.step.runtime.url).toContain(`${endpoint}?fnId=orderbridge-sync-workspace`);

    const failure = byId.get('orderbridge-sync-workspace-failure')!;
    expect(failure.triggers).toEqual([
      { event: 'inngest/function.failed', expression: "event.data.function_id == 'orderbridge-sync-workspace'" },
    ]);

    const order = byId.get('orderbridge-sync-order')!;
    expect(order.triggers).toEqual([{ event: 'orderbridge/order.sync.requested' }]);
    expect(order.concurrency).toEqual([{ key: 'event.data.workspaceId', limit: 1 }]);

    // Webhook deliveries: debounced per workspace, one run at a time per workspace (a delivery mid-run queues one after it).
    const webhook = byId.get('orderbridge-sync-workspace-on-webhook')!;
    expect(webhook.triggers).toEqual([{ event: 'orderbridge/store.webhook.received' }]);
    expect(webhook.debounce).toEqual({ key: 'event.data.workspaceId', period: '2s', timeout: '10s' });
    expect(webhook.concurrency).toEqual([{ limit: 25 }, { key: 'event.data.workspaceId', limit: 1 }]);
  });
});
