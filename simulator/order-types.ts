import type { WcAddress } from './wc-json-types';

export const ORDER_STATUSES = [
  'auto-draft',
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number] | 'trash';

export const LIST_STATUSES = ['any', 'trash', ...ORDER_STATUSES] as const;

/** Statuses that `status=any` leaves out. */
export const HIDDEN_FROM_ANY: ReadonlySet<OrderStatus> = new Set(['trash', 'auto-draft', 'checkout-draft']);

export const STATUS_LABELS: Record<OrderStatus, string> = {
  'auto-draft': 'Draft',
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
  'checkout-draft': 'Draft',
  trash: 'Trash',
};

export type Address = WcAddress;

export interface MetaEntry {
  id: number;
  key: string;
  value: unknown;
  /** Line-item meta also shows a display key/value. */
  displayKey?: string;
}

export interface LineItem {
  id: number;
  name: string;
  productId: number;
  variationId: number;
  quantity: number;
  taxClass: string;
  subtotalCents: number;
  totalCents: number;
  subtotalTaxCents: number;
  totalTaxCents: number;
  meta: MetaEntry[];
  sku: string | null;
  parentName: string | null;
  /** WooCommerce reports `image.id` as "" for simple products and 0 otherwise. */
  imageIdBlank: boolean;
  /** Whether the product needs shipping/processing (false for unknown or virtual products). */
  needsProcessing: boolean;
}

export interface ShippingLine {
  id: number;
  methodTitle: string;
  methodId: string;
  instanceId: string;
  totalCents: number;
  taxCents: number;
  meta: MetaEntry[];
}

export interface FeeLine {
  id: number;
  name: string;
  taxClass: string;
  taxStatus: string;
  totalCents: number;
  taxCents: number;
  meta: MetaEntry[];
}

export interface OrderTotals {
  discountCents: number;
  shippingCents: number;
  shippingTaxCents: number;
  cartTaxCents: number;
  totalCents: number;
  totalTaxCents: number;
}

export interface Order {
  id: number;
  parentId: number;
  status: OrderStatus;
  /** The status before trashing, for restore. */
  statusBeforeTrash: OrderStatus | null;
  currency: string;
  createdAt: number;
  modifiedAt: number;
  completedAt: number | null;
  paidAt: number | null;
  customerId: number;
  orderKey: string;
  billing: Address;
  shipping: Address;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  customerIpAddress: string;
  customerUserAgent: string;
  createdVia: string;
  customerNote: string;
  meta: MetaEntry[];
  lineItems: LineItem[];
  shippingLines: ShippingLine[];
  feeLines: FeeLine[];
  totals: OrderTotals;
  stockReduced: boolean;
  /** Sales counted into products' total_sales (once per order, as `_recorded_sales`). */
  salesRecorded: boolean;
  /** Refunds of the order, oldest first (WooCommerce keeps them as child orders of type shop_order_refund). */
  refunds?: Refund[];
}

export interface RefundLine {
  id: number;
  refundedItemId: number;
  name: string;
  productId: number;
  variationId: number;
  sku: string | null;
  /** Negative, as WooCommerce stores and shows them. */
  quantity: number;
  totalCents: number;
}

export interface Refund {
  id: number;
  orderId: number;
  createdAt: number;
  amountCents: number;
  reason: string;
  refundedBy: number;
  refundedPayment: boolean;
  meta: MetaEntry[];
  lines: RefundLine[];
}

export interface OrderNote {
  id: number;
  orderId: number;
  author: string;
  createdAt: number;
  note: string;
  customerNote: boolean;
}

export function emptyAddress(withEmail: boolean): Address {
  const address: Address = {
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    phone: '',
  };
  if (withEmail) address.email = '';
  return address;
}
