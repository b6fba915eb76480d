import { describe, expect, it } from 'vitest';
import { syncWorkspace } from '@/lib/sync';
import type { StoreHandle } from '@/simulator';
import { FAST_TUNING, freshSyncWorldPerTest } from './sync-world';

const order = (email: string) => ({
  status: 'processing',
  line_items: [{ sku: 'RW-MUG', quantity: 1 }],
  billing: { email, first_name: 'Pat' },
});
const copyOf = (target: StoreHandle, sourceStoreId: string, sourceId: number) => {
  const copies = target.orders.withMeta('_orderbridge_origin', `${sourceStoreId}:${sourceId}`);
  expect(copies).toHaveLength(1);
  return copies[0];
};

describe('customers: with emails allowed, a copy names the target account with the same email, else it is a guest order', () => {
  const fresh = freshSyncWorldPerTest({ subs: [{}], settings: { customerEmailPolicy: 'allow' } });
  const sync = () => syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });

  it('matches by email (any case) in both directions, and later runs read only accounts created since', async () => {
    const [main, sub] = fresh.world.sim.stores;
    const onMain = main.createCustomerDirectly({ email: 'ada@example.test' });
    const onSub = sub.createCustomerDirectly({ email: 'linus@example.test' });
    const fromSub = sub.createOrderDirectly(order('ADA@example.test'));
    const stranger = sub.createOrderDirectly(order('nobody@example.test'));
    const fromMain = main.createOrderDirectly(order('linus@example.test'));

    expect((await sync()).status).toBe('succeeded');
    expect(copyOf(main, fresh.world.fixture.subs[0].id, fromSub.id).customer_id).toBe(onMain);
    expect(copyOf(main, fresh.world.fixture.subs[0].id, stranger.id).customer_id).toBe(0);
    expect(copyOf(sub, fresh.world.fixture.main.id, fromMain.id).customer_id).toBe(onSub);

    // A second run: one account page per target with copies to make, stopping at the newest account read before.
    const later = main.createCustomerDirectly({ email: 'grace@example.test' });
    const next = sub.createOrderDirectly(order('grace@example.test'));
    main.requests.reset();
    sub.requests.reset();
    expect((await sync()).status).toBe('succeeded');
    expect(copyOf(main, fresh.world.fixture.subs[0].id, next.id).customer_id).toBe(later);
    expect(main.requests.countFor('GET /customers')).toBe(1);
    expect(sub.requests.countFor('GET /customers')).toBe(0);
  });

  it('sends a copy again as a guest order when the account it named was deleted meanwhile', async () => {
    const [main, sub] = fresh.world.sim.stores;
    const account = main.createCustomerDirectly({ email: 'ada@example.test' });
    sub.createOrderDirectly(order('ada@example.test'));
    await sync();
    main.deleteCustomerDirectly(account);
    const second = sub.createOrderDirectly(order('ada@example.test'));

    const result = await sync();
    expect(result.status).toBe('succeeded');
    expect(result.counts.toMain.created).toBe(1);
    expect(copyOf(main, fresh.world.fixture.subs[0].id, second.id).customer_id).toBe(0);
    // The forgotten account is not named again.
    const third = sub.createOrderDirectly(order('ada@example.test'));
    main.requests.reset();
    await sync();
    expect(copyOf(main, fresh.world.fixture.subs[0].id, third.id).customer_id).toBe(0);
    expect(main.requests.countFor('POST /orders/batch')).toBe(1);
  });

  it('copies as guests, with a warning, when a store will not list its customers', async () => {
    const [main, sub] = fresh.world.sim.stores;
    main.createCustomerDirectly({ email: 'ada@example.test' });
    const placed = sub.createOrderDirectly(order('ada@example.test'));
    main.faults.inject({ kind: 'error500', route: 'GET /customers', times: 20 });

    const result = await sync();
    expect(result.status).toBe('succeeded');
    expect(copyOf(main, fresh.world.fixture.subs[0].id, placed.id).customer_id).toBe(0);
    expect(result.warnings.join(' ')).toMatch(/customer accounts/);
  });
});

describe('customers: with emails suppressed (the default), every copy is a guest order', () => {
  const fresh = freshSyncWorldPerTest({ subs: [{}] });

  it('does not name the account, since WooCommerce would fill in its email and write to the customer', async () => {
    const [main, sub] = fresh.world.sim.stores;
    main.createCustomerDirectly({ email: 'ada@example.test' });
    const placed = sub.createOrderDirectly(order('ada@example.test'));
    main.requests.reset();
    const result = await syncWorkspace(fresh.database.db, fresh.world.fixture.workspace.id, { trigger: 'cli', tuning: FAST_TUNING });
    expect(result.status).toBe('succeeded');
    const copy = copyOf(main, fresh.world.fixture.subs[0].id, placed.id);
    expect([copy.customer_id, copy.billing.email]).toEqual([0, '']);
    expect(main.outbox.forOrder(copy.id).filter((mail) => mail.to === 'ada@example.test')).toEqual([]);
    expect(main.requests.countFor('GET /customers')).toBe(0);
  });
});
