import { z } from 'zod';
import { SYNC_STATE_FILTERS } from '@/lib/data/order-list';
import { WOO_ORDER_STATUSES } from '@/lib/woo/types';

/** The statuses the order list's filter offers: WooCommerce's order statuses, less the checkout's draft. */
export const ORDER_STATUS_FILTERS = WOO_ORDER_STATUSES.filter((status) => status !== 'checkout-draft');

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** The order list's filters as they live in the URL; anything unrecognised is dropped rather than failing the page. */
const orderListQuerySchema = z.object({
  store: optionalText.pipe(z.uuid().optional().catch(undefined)),
  origin: optionalText.pipe(
    z
      .union([z.literal('main'), z.uuid()])
      .optional()
      .catch(undefined),
  ),
  status: optionalText.pipe(
    z
      .string()
      .max(40)
      .regex(/^[a-z0-9-]+$/)
      .optional()
      .catch(undefined),
  ),
  sync: optionalText.pipe(z.enum(SYNC_STATE_FILTERS).optional().catch(undefined)),
  q: optionalText.pipe(z.string().max(200).optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type OrderListQuery = z.output<typeof orderListQuerySchema>;

export function parseOrderListQuery(searchParams: Record<string, string | string[] | undefined>): OrderListQuery {
  const flat: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(searchParams)) flat[key] = Array.isArray(value) ? value[0] : value;
  return orderListQuerySchema.parse(flat);
}
