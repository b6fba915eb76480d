import { restUrl, type StoreIdentity } from './store-identity';
import { formatWcDate } from './wc-dates';

export interface Customer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  /** Epoch milliseconds, truncated to the second like every WooCommerce date. */
  createdAt: number;
}

/** Registered customers (WordPress users with the customer role). Ids are WordPress user ids: they only grow. */
export class CustomerBook {
  private readonly byId = new Map<number, Customer>();
  private nextId: number;

  constructor(firstId: number) {
    this.nextId = firstId;
  }

  add(input: { email: string; firstName?: string; lastName?: string }, now: number): Customer {
    const customer: Customer = {
      id: this.nextId++,
      email: input.email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      createdAt: now,
    };
    this.byId.set(customer.id, customer);
    return customer;
  }

  get(id: number): Customer | undefined {
    return this.byId.get(id);
  }

  byEmail(email: string): Customer | undefined {
    const wanted = email.toLowerCase();
    return [...this.byId.values()].find((c) => c.email.toLowerCase() === wanted);
  }

  remove(id: number): boolean {
    return this.byId.delete(id);
  }

  all(): Customer[] {
    return [...this.byId.values()];
  }
}

/** The fields of WooCommerce's customer resource the simulator keeps; addresses start empty. */
export function customerJson(customer: Customer, identity: StoreIdentity) {
  const address = {
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    postcode: '',
    country: '',
    state: '',
  };
  return {
    id: customer.id,
    date_created: formatWcDate(customer.createdAt, identity.utcOffsetMinutes),
    date_created_gmt: formatWcDate(customer.createdAt),
    date_modified: formatWcDate(customer.createdAt, identity.utcOffsetMinutes),
    date_modified_gmt: formatWcDate(customer.createdAt),
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    role: 'customer',
    username: customer.email.split('@')[0],
    billing: { ...address, email: customer.email, phone: '' },
    shipping: { ...address, phone: '' },
    is_paying_customer: false,
    avatar_url: '',
    meta_data: [],
    _links: {
      self: [{ href: restUrl(identity, `/wc/v3/customers/${customer.id}`) }],
      collection: [{ href: restUrl(identity, '/wc/v3/customers') }],
    },
  };
}
