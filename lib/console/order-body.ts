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
  billing: addressSchema,
  shipping: addressSchema,
  discount_total: text,
  shipping_total: text,
  total_tax: text,
  total: text,
  payment_method_title: text,
  customer_note: text,
});

export type OrderLine = { name: string; sku: string | null; quantity: number; total: string };
export type AddressLines = { lines: string[]; email: string | null; phone: string | null };
export type OrderBodyView = {
  lines: OrderLine[];
  shipping: { title: string; total: string }[];
  fees: { name: string; total: string }[];
  discountTotal: string | null;
  shippingTotal: string | null;
  taxTotal: string | null;
  paymentMethodTitle: string | null;
  customerNote: string | null;
  billing: AddressLines | null;
  shippingAddress: AddressLines | null;
};

function addressLines(address: z.output<typeof addressSchema>): AddressLines | null {
  if (!address) return null;
  const name = [address.first_name, address.last_name].filter(Boolean).join(' ');
  const cityLine = [address.postcode, address.city].filter(Boolean).join(' ');
  const lines = [name, address.company, address.address_1, address.address_2, cityLine, [address.state, address.country].filter(Boolean).join(', ')]
    .map((line) => line?.trim())
    .filter((line): line is string => Boolean(line));
  if (lines.length === 0 && !address.email && !address.phone) return null;
  return { lines, email: address.email || null, phone: address.phone || null };
}

const nonZero = (value: string | undefined) => (value && Number(value) !== 0 ? value : null);

export function readOrderBody(body: unknown): OrderBodyView {
  const parsed = bodySchema.safeParse(body ?? {});
  const data = parsed.success ? parsed.data : bodySchema.parse({});
  return {
    lines: (data.line_items ?? []).flatMap((line) =>
      line ? [{ name: line.name || line.sku || 'Unnamed item', sku: line.sku || null, quantity: Number(line.quantity ?? 1) || 1, total: line.total ?? '0' }] : [],
    ),
    shipping: (data.shipping_lines ?? []).flatMap((line) => (line ? [{ title: line.method_title || 'Shipping', total: line.total ?? '0' }] : [])),
    fees: (data.fee_lines ?? []).flatMap((line) => (line ? [{ name: line.name || 'Fee', total: line.total ?? '0' }] : [])),
    discountTotal: nonZero(data.discount_total),
    shippingTotal: data.shipping_total ?? null,
    taxTotal: data.total_tax ?? null,
    paymentMethodTitle: data.payment_method_title || null,
    customerNote: data.customer_note || null,
    billing: addressLines(data.billing),
    shippingAddress: addressLines(data.shipping),
  };
}
