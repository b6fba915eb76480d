import type { RestRoute } from '@/simulator/http/rest-types';
import type { SimStore } from '@/simulator/sim-store';
import { customerRoutes } from './customers';
import { orderBatchRoute } from './order-batch';
import { orderNoteRoutes } from './order-notes';
import { orderRefundRoutes } from './order-refunds';
import { orderRoutes } from './orders';
import { productRoutes } from './products';
import { webhookRoutes } from './webhooks';

/** Every wc/v3 route the simulator serves; the batch route comes before /orders/{id}. */
export const REST_ROUTES: RestRoute<SimStore>[] = [
  orderBatchRoute,
  ...orderRoutes,
  ...orderNoteRoutes,
  ...orderRefundRoutes,
  ...productRoutes,
  ...webhookRoutes,
  ...customerRoutes,
];
