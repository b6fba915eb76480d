export type WebhookStatus = 'active' | 'paused' | 'disabled';

export interface Webhook {
  id: number;
  name: string;
  status: WebhookStatus;
  topic: string;
  deliveryUrl: string;
  secret: string;
  createdAt: number;
  modifiedAt: number | null;
  failureCount: number;
}

export interface WebhookDelivery {
  webhookId: number;
  topic: string;
  resourceId: number | null;
  deliveryId: string;
  sentAt: number;
  responseStatus: number | null;
  error: string | null;
  ok: boolean;
}

export const HOOKS_BY_TOPIC: Record<string, string[]> = {
  'order.created': ['woocommerce_new_order'],
  'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded'],
  'order.deleted': ['woocommerce_delete_order', 'woocommerce_trash_order'],
  'order.restored': ['woocommerce_untrash_order'],
  'product.created': ['woocommerce_process_product_meta', 'woocommerce_new_product', 'woocommerce_new_product_variation'],
  'product.updated': ['woocommerce_process_product_meta', 'woocommerce_update_product', 'woocommerce_update_product_variation'],
  'product.deleted': ['wp_trash_post'],
  'product.restored': ['untrashed_post'],
  'customer.created': ['user_register', 'woocommerce_created_customer', 'woocommerce_new_customer'],
  'customer.updated': ['profile_update', 'woocommerce_update_customer'],
  'customer.deleted': ['delete_user'],
  'coupon.created': ['woocommerce_process_shop_coupon_meta', 'woocommerce_new_coupon'],
  'coupon.updated': ['woocommerce_process_shop_coupon_meta', 'woocommerce_update_coupon'],
  'coupon.deleted': ['wp_trash_post'],
  'coupon.restored': ['untrashed_post'],
  'action.woocommerce_order_status_completed': ['woocommerce_order_status_completed'],
};

/** Consecutive failures beyond this disable a webhook (woocommerce_max_webhook_delivery_failures). */
export const MAX_DELIVERY_FAILURES = 5;
