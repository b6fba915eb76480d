import type { Catalogue } from './catalogue';
import type { CustomerBook } from './customers';
import type { SimClock } from './clock';
import type { StoreIds } from './id-sequence';
import type { OrderBook } from './order-book';
import type { OrderEvents } from './order-events';
import type { Outbox } from './outbox';
import type { SeededRandom } from './random';
import type { StoreIdentity } from './store-identity';

/** The data of one simulated store: what WooCommerce keeps in its database. */
export interface StoreState {
  identity: StoreIdentity;
  clock: SimClock;
  ids: StoreIds;
  catalogue: Catalogue;
  book: OrderBook;
  customers: CustomerBook;
  outbox: Outbox;
  events: OrderEvents;
  random: SeededRandom;
}
