import type { Store } from '@/db/schema';
import { customerIdsByEmail, forgetStoreCustomer, saveStoreCustomers } from '@/lib/data/store-customers';
import { listCustomersNewestFirst } from '@/lib/woo/customers-api';
import { isWooRequestError } from '@/lib/woo/errors';
import { normalizedEmail } from './copy-builder';
import { PageLimitError } from './page-budget';
import type { RunContext } from './run-context';

/**
 * Each target's registered customers by email, so a copy names the customer's account there instead of
 * being a guest order. Accounts are read newest first once per run, down to the newest one read before
 * (ids only grow), so a run usually costs one request per target with copies to create. A store that
 * will not list its customers gets guest copies and one warning.
 */
export class CustomerDirectory {
  private readonly ready = new Map<string, Promise<boolean>>();

  /** `alreadyRead`: targets an earlier slice of the run read the new accounts of (they are in the database). */
  constructor(
    private readonly ctx: RunContext,
    alreadyRead: Iterable<string> = [],
  ) {
    for (const storeId of alreadyRead) this.ready.set(storeId, Promise.resolve(true));
  }

  /** Targets whose new accounts this run has read. */
  async readTargets(): Promise<string[]> {
    const read = await Promise.all([...this.ready].map(async ([storeId, ok]) => ((await ok.catch(() => false)) ? storeId : null)));
    return read.filter((id): id is string => id !== null);
  }

  async idsFor(target: Store, emails: Array<string | null>): Promise<Map<string, number>> {
    const wanted = [...new Set(emails.filter((e): e is string => e !== null))];
    if (wanted.length === 0) return new Map();
    if (!(await this.readNewAccounts(target))) return new Map();
    return customerIdsByEmail(this.ctx.db, this.ctx.workspace.id, target.id, wanted);
  }

  /** The store refused an id we had for a customer (the account was deleted). */
  forget(target: Store, remoteId: number): Promise<void> {
    return forgetStoreCustomer(this.ctx.db, { workspaceId: this.ctx.workspace.id, storeId: target.id, remoteId });
  }

  private readNewAccounts(target: Store): Promise<boolean> {
    let pending = this.ready.get(target.id);
    if (!pending) {
      pending = this.read(target);
      this.ready.set(target.id, pending);
    }
    return pending;
  }

  private async read(target: Store): Promise<boolean> {
    const readBefore = target.customersReadUpTo ?? 0;
    const newest = new Map<string, number>();
    let highest = readBefore;
    try {
      for (let page = 1; ; page += 1) {
        this.ctx.pageBudget.takeOrThrow(target, 'customer accounts');
        const { customers, lastPage } = await listCustomersNewestFirst(this.ctx.client(target), page, this.ctx.signal);
        const fresh = customers.filter((c) => c.id > readBefore);
        for (const customer of fresh) {
          highest = Math.max(highest, customer.id);
          const email = normalizedEmail(customer.email);
          if (email && !newest.has(email)) newest.set(email, customer.id);
        }
        if (lastPage || fresh.length < customers.length) break;
      }
    } catch (error) {
      if (!isWooRequestError(error) || this.ctx.signal.aborted) throw error;
      // A store that pages past the run's budget is a limit the merchant should see in the run's history.
      (error instanceof PageLimitError ? this.ctx.errors : this.ctx.warnings).push(
        `Could not read ${target.name}'s customer accounts (${error.message}); its copies are guest orders this time`,
      );
      return false;
    }
    if (highest > readBefore) {
      await saveStoreCustomers(
        this.ctx.db,
        this.ctx.workspace.id,
        target.id,
        [...newest].map(([email, remoteId]) => ({ email, remoteId })),
        highest,
      );
    }
    return true;
  }
}
