import { z } from 'zod';

/**
 * The order page reads the stored order body (WooCommerce field names) leniently: a field the engine did
 * not keep shows as absent instead of breaking the page.
 */
const text = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);
const list = <T extends z.ZodType>(item: T) => z.array(item.optional().catch(undefined)).optional().catch(undefined);

const addressSchema = z
  .object({
    first_name: text,
    last_name: text,
    company: text,
    address_1: text,
    address_2: text,
    city: text,
    state: text,
    postcode: text,
    country: text,
    email: text,
    phone: text,
  })
  .optional()
  .catch(undefined);

const bodySchema = z.object({
  line_items: list(z.object({ name: text, sku: text, quantity: text, subtotal: text, total: text })),
  shipping_lines: list(z.object({ method_title: text, total: text })),
  fee_lines: list(z.object({ name: text, total: text })),
  coupon_lines: list(z.object({ code: text })),
  billing: addressSchema,
  shipping: addressSchema,
  payment_method_title: text,
  customer_note: text,
});

export type OrderLine = { name: string; sku: string | null; quantity: number; subtotal: string; total: string };
export type AddressLines = { lines: string[]; email: string | null; phone: string | null };
export type OrderBodyView = {
  lines: OrderLine[];
  shipping: { title: string; total: string }[];
  fees: { name: string; total: string }[];
  couponCodes: string[];
  itemsSubtotal: number;
  discount: number;
  shippingTotal: number;
  feesTotal: number;
  /** What the order total holds beyond items, shipping and fees: taxes, in practice. */
  taxAndRounding: number;
  paymentMethodTitle: string | null;
  customerNote: string | null;
  billing: AddressLines | null;
  shippingAddress: AddressLines | null;
};

function addressLines(address: z.output<typeof addressSchema>): AddressLines | null {
  if (!address) return null;
  const name = [address.first_name, address.last_name].filter(Boolean).join(' ');
  const cityLine = [address.postcode, address.city].filter(Boolean).join(' ');
  const lines = [
    name,
    address.company,
    address.address_1,
    address.address_2,
    cityLine,
    [address.state, address.country].filter(Boolean).join(', '),
  ]
    .map((line) => line?.trim())
    .filter((line): line is string => Boolean(line));
  if (lines.length === 0 && !address.email && !address.phone) return null;
  return { lines, email: address.email || null, phone: address.phone || null };
}

const amount = (value: string | undefined) => {
  const parsed = Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
};
const sum = (values: number[]) => Math.round(values.reduce((total, value) => total + value, 0) * 100) / 100;

export function readOrderBody(body: unknown, orderTotal: string): OrderBodyView {
  const parsed = bodySchema.safeParse(body ?? {});
  const data = parsed.success ? parsed.data : bodySchema.parse({});
  const lines = (data.line_items ?? []).flatMap((line) =>
    line
      ? [
          {
            name: line.name || line.sku || 'Unnamed item',
            sku: line.sku || null,
            quantity: Number(line.quantity ?? 1) || 1,
            subtotal: line.subtotal ?? line.total ?? '0',
            total: line.total ?? '0',
          },
        ]
      : [],
  );
  const shipping = (data.shipping_lines ?? []).flatMap((line) =>
    line ? [{ title: line.method_title || 'Shipping', total: line.total ?? '0' }] : [],
  );
  const fees = (data.fee_lines ?? []).flatMap((line) => (line ? [{ name: line.name || 'Fee', total: line.total ?? '0' }] : []));
  const itemsSubtotal = sum(lines.map((line) => amount(line.subtotal)));
  const itemsTotal = sum(lines.map((line) => amount(line.total)));
  const shippingTotal = sum(shipping.map((line) => amount(line.total)));
  const feesTotal = sum(fees.map((line) => amount(line.total)));
  return {
    lines,
    shipping,
    fees,
    couponCodes: (data.coupon_lines ?? []).flatMap((coupon) => (coupon?.code ? [coupon.code] : [])),
    itemsSubtotal,
    discount: sum([itemsSubtotal, -itemsTotal]),
    shippingTotal,
    feesTotal,
    taxAndRounding: sum([amount(orderTotal), -itemsTotal, -shippingTotal, -feesTotal]),
    paymentMethodTitle: data.payment_method_title || null,
    customerNote: data.customer_note || null,
    billing: addressLines(data.billing),
    shippingAddress: addressLines(data.shipping),
  };
}
