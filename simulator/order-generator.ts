import type { Posted } from './order-lines';
import type { SeededRandom } from './random';
import type { Catalogue } from './catalogue';

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Perlman', 'Lee'];

/** A plausible shop order (as a REST body) for seeding and for orders arriving over time. */
export function randomOrderBody(random: SeededRandom, catalogue: Catalogue, sequence: number): Posted {
  const products = catalogue.purchasable();
  const lineCount = random.integer(1, Math.min(3, products.length));
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const email = `${firstName}.${lastName}.${sequence}@example.com`.toLowerCase();
  const address = {
    first_name: firstName,
    last_name: lastName,
    address_1: `${random.integer(1, 999)} Main St`,
    city: 'Springfield',
    postcode: '12345',
    country: 'US',
  };
  return {
    status: random.next() < 0.8 ? 'processing' : 'on-hold',
    payment_method: 'bacs',
    payment_method_title: 'Direct bank transfer',
    billing: { ...address, email, phone: '555-0100' },
    shipping: address,
    line_items: Array.from({ length: lineCount }, () => ({ sku: random.pick(products).sku, quantity: random.integer(1, 3) })),
    shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
  };
}
