export type EmailTemplate =
  | 'new_order'
  | 'customer_processing_order'
  | 'customer_on_hold_order'
  | 'customer_completed_order'
  | 'customer_note'
  | 'customer_partially_refunded_order'
  | 'customer_refunded_order';

export interface OutboxEmail {
  id: number;
  sentAt: number;
  template: EmailTemplate;
  recipient: 'customer' | 'admin';
  to: string;
  orderId: number;
  subject: string;
}

/** Every email the store would send, so tests can assert that no customer is emailed twice. */
export class Outbox {
  private readonly emails: OutboxEmail[] = [];
  private nextId = 1;

  constructor(private readonly adminEmail: string) {}

  record(email: Omit<OutboxEmail, 'id' | 'to'> & { to?: string }): void {
    this.emails.push({ ...email, id: this.nextId++, to: email.to ?? this.adminEmail });
  }

  list(): OutboxEmail[] {
    return [...this.emails];
  }

  customerEmails(): OutboxEmail[] {
    return this.emails.filter((email) => email.recipient === 'customer');
  }

  forOrder(orderId: number): OutboxEmail[] {
    return this.emails.filter((email) => email.orderId === orderId);
  }

  clear(): void {
    this.emails.length = 0;
  }
}
