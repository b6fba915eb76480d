import { generateKey, KeyRing, type ApiKey, type KeyPair } from './api-keys';
import { Catalogue } from './catalogue';
import type { SimClock } from './clock';
import { REAL_STORE_COST, WorkerPool, type CostModel } from './cost-model';
import { FaultInjector } from './faults';
import { IdSequence } from './id-sequence';
import { CustomerBook } from './customers';
import { OrderBook } from './order-book';
import { OrderEvents } from './order-events';
import { Outbox } from './outbox';
import { SeededRandom } from './random';
import { RequestStats } from './request-stats';
import { DEFAULT_TEST_COST_SCALE, type StoreOptions } from './store-options';
import type { StoreState } from './store-state';
import { DEFAULT_WEBHOOK_DELIVERY, WebhookDispatcher } from './webhook-dispatcher';

/** One simulated WooCommerce store: its data plus the machinery around it (keys, faults, cost, stats). */
export class SimStore {
  readonly state: StoreState;
  readonly keys = new KeyRing();
  readonly readWrite: KeyPair;
  readonly readOnly: KeyPair;
  readonly faults = new FaultInjector();
  readonly stats = new RequestStats();
  readonly webhooks: WebhookDispatcher;
  readonly workers: WorkerPool;
  private costModel: CostModel;

  constructor(
    readonly options: StoreOptions,
    homeUrl: string,
    clock: SimClock,
    storeIndex: number,
  ) {
    const seed = options.seed ?? 1000 + storeIndex;
    const random = new SeededRandom(seed);
    const hostForEmail = new URL(homeUrl).hostname;
    this.state = {
      identity: {
        name: options.name,
        title: options.title ?? `Simulated ${options.name} store`,
        homeUrl,
        utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
        currency: options.currency ?? 'USD',
        taxRatePercent: options.taxRatePercent ?? 0,
      },
      clock,
      ids: {
        order: new IdSequence(options.firstOrderId ?? 100 + storeIndex * 1_000_000),
        item: new IdSequence(1),
        meta: new IdSequence(1),
        note: new IdSequence(1),
        webhook: new IdSequence(1),
      },
      catalogue: new Catalogue({
        products: options.products,
        missingSkus: options.missingSkus,
        firstProductId: options.firstProductId ?? 10 + storeIndex * 100,
        rotation: storeIndex,
        createdAt: clock.now(),
      }),
      book: new OrderBook(),
      customers: new CustomerBook(2 + storeIndex * 10_000),
      outbox: new Outbox(`admin@${hostForEmail}`),
      events: new OrderEvents(),
      random,
    };
    this.readWrite = this.addKey(options.readWriteKey, 'read_write', random);
    this.readOnly = this.addKey(options.readOnlyKey, 'read', random);
    this.costModel = { ...REAL_STORE_COST, scale: DEFAULT_TEST_COST_SCALE, ...options.cost };
    this.workers = new WorkerPool(() => this.costModel.workers);
    this.faults.configure({ seed, ...options.faults });
    this.webhooks = new WebhookDispatcher(this.state, { ...DEFAULT_WEBHOOK_DELIVERY, seed, ...options.webhooks });
  }

  private addKey(fixed: KeyPair | undefined, permission: ApiKey['permission'], random: SeededRandom): KeyPair {
    const key = this.keys.add(fixed ? { ...fixed, permission } : generateKey(random, permission));
    return { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret };
  }

  get cost(): CostModel {
    return { ...this.costModel };
  }

  setCost(changes: Partial<CostModel>): void {
    this.costModel = { ...this.costModel, ...changes };
  }

  readonly costNow = (): CostModel => this.costModel;
}
