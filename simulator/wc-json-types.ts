/** The order JSON WooCommerce 9.9.5 returns (the fields the simulator fills; see captures 02 and 05). */
export interface WcMeta {
  id: number;
  key: string;
  value: unknown;
}

export interface WcLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: Array<{ id: number; total: string; subtotal: string }>;
  meta_data: Array<WcMeta & { display_key: string; display_value: unknown }>;
  sku: string | null;
  price: number;
  image: { id: number | string; src: string };
  parent_name: string | null;
}

export interface WcAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface WcOrder {
  id: number;
  parent_id: number;
  status: string;
  currency: string;
  version: string;
  prices_include_tax: boolean;
  date_created: string;
  date_modified: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  customer_id: number;
  order_key: string;
  billing: WcAddress;
  shipping: WcAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  customer_ip_address: string;
  customer_user_agent: string;
  created_via: string;
  customer_note: string;
  date_completed: string | null;
  date_paid: string | null;
  cart_hash: string;
  number: string;
  meta_data: WcMeta[];
  line_items: WcLineItem[];
  tax_lines: unknown[];
  shipping_lines: Array<
    { id: number; method_title: string; method_id: string; total: string; total_tax: string } & Record<string, unknown>
  >;
  fee_lines: Array<{ id: number; name: string; total: string; total_tax: string } & Record<string, unknown>>;
  coupon_lines: unknown[];
  refunds: unknown[];
  payment_url: string;
  is_editable: boolean;
  needs_payment: boolean;
  needs_processing: boolean;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_completed_gmt: string | null;
  date_paid_gmt: string | null;
  currency_symbol: string;
  _links: Record<string, unknown>;
}
