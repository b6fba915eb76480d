import type { OrderBook } from './order-book';
import { HIDDEN_FROM_ANY, LIST_STATUSES, type Order } from './order-types';
import { invalidParams, type InvalidParam } from './rest-errors';
import { checkEnum, parseBooleanParam, parseIntegerParam, parseListParam, single } from './rest-validation';
import type { SortedOrders } from './sorted-orders';
import { parseQueryDate } from './wc-dates';

export type QueryParams = Record<string, string | string[] | undefined>;

const ORDERBY = ['date', 'id', 'include', 'title', 'slug', 'modified'] as const;

export interface OrderListQuery {
  page: number;
  perPage: number;
  offset: number | null;
  orderby: (typeof ORDERBY)[number];
  ascending: boolean;
  statuses: string[];
  include: Set<number> | null;
  exclude: Set<number>;
  createdAfter: number | null;
  createdBefore: number | null;
  modifiedAfter: number | null;
  modifiedBefore: number | null;
  search: string | null;
  createdVia: Set<string> | null;
  parent: Set<number> | null;
}

function parseDate(param: string, raw: string | undefined, gmt: boolean, offset: number, problems: InvalidParam[]) {
  if (raw === undefined || raw === '') return null;
  const parsed = parseQueryDate(raw, gmt, offset);
  if (parsed === null) problems.push({ param, code: 'rest_invalid_date', message: 'Invalid date.' });
  return parsed;
}

function idSet(raw: string | string[] | undefined): Set<number> | null {
  const values = parseListParam(raw);
  return values.length ? new Set(values.map(Number)) : null;
}

/** Reads and validates GET /orders arguments as the schema in schemas/orders.json describes them. */
export function parseOrderListQuery(params: QueryParams, utcOffsetMinutes: number): OrderListQuery {
  const problems: InvalidParam[] = [];
  const page = parseIntegerParam('page', single(params.page), 1, { minimum: 1 }, problems);
  const perPage = parseIntegerParam('per_page', single(params.per_page), 10, { minimum: 1, maximum: 100 }, problems);
  const offsetRaw = single(params.offset);
  const offset = offsetRaw === undefined ? null : parseIntegerParam('offset', offsetRaw, 0, {}, problems);
  const orderby = single(params.orderby) ?? 'date';
  const orderbyProblem = checkEnum('orderby', orderby, ORDERBY);
  if (orderbyProblem) problems.push(orderbyProblem);
  const order = single(params.order) ?? 'desc';
  const orderProblem = checkEnum('order', order, ['asc', 'desc']);
  if (orderProblem) problems.push(orderProblem);
  const statuses = parseListParam(params.status);
  statuses.forEach((status, index) => {
    const problem = checkEnum(`status[${index}]`, status, LIST_STATUSES);
    if (problem) problems.push({ ...problem, param: 'status' });
  });
  const gmt = parseBooleanParam(single(params.dates_are_gmt), false);
  const query: OrderListQuery = {
    page,
    perPage,
    offset,
    orderby: orderby as OrderListQuery['orderby'],
    ascending: order === 'asc',
    statuses: statuses.length ? statuses : ['any'],
    include: idSet(params.include),
    exclude: idSet(params.exclude) ?? new Set(),
    createdAfter: parseDate('after', single(params.after), gmt, utcOffsetMinutes, problems),
    createdBefore: parseDate('before', single(params.before), gmt, utcOffsetMinutes, problems),
    modifiedAfter: parseDate('modified_after', single(params.modified_after), gmt, utcOffsetMinutes, problems),
    modifiedBefore: parseDate('modified_before', single(params.modified_before), gmt, utcOffsetMinutes, problems),
    search: single(params.search)?.trim() || null,
    createdVia: parseListParam(params.created_via).length ? new Set(parseListParam(params.created_via)) : null,
    parent: idSet(params.parent),
  };
  if (problems.length) throw invalidParams(problems);
  return query;
}

export interface OrderPage {
  orders: Order[];
  total: number;
  totalPages: number;
}

function statusFilter(statuses: string[]): ((order: Order) => boolean) | null {
  const wanted = new Set(statuses);
  if (wanted.has('any')) {
    wanted.delete('any');
    return (order) => !HIDDEN_FROM_ANY.has(order.status) || wanted.has(order.status);
  }
  return (order) => wanted.has(order.status);
}

function searchFilter(search: string): (order: Order) => boolean {
  const needle = search.toLowerCase();
  return (order) =>
    String(order.id) === needle ||
    (order.billing.email ?? '').toLowerCase().includes(needle) ||
    `${order.billing.first_name} ${order.billing.last_name}`.toLowerCase().includes(needle) ||
    order.lineItems.some((item) => item.name.toLowerCase().includes(needle));
}

/** Seconds are the grain of every date filter, as in MySQL; both bounds are exclusive. */
function secondsBound(ms: number | null): number | null {
  return ms === null ? null : Math.floor(ms / 1000) * 1000;
}

function indexFor(book: OrderBook, query: OrderListQuery): { index: SortedOrders; keyed: 'created' | 'modified' | 'id' } {
  if (query.orderby === 'modified') return { index: book.byModified, keyed: 'modified' };
  if (query.orderby === 'date') return { index: book.byCreated, keyed: 'created' };
  return { index: book.byIdOrder, keyed: 'id' };
}

/**
 * Runs a list query without sorting: the index for the orderby is already sorted, a date range on the
 * same key is a binary search, and the remaining filters are one pass over that range.
 */
export function runOrderListQuery(book: OrderBook, query: OrderListQuery): OrderPage {
  const { index, keyed } = indexFor(book, query);
  let low = 0;
  let high = index.length;
  const after = keyed === 'modified' ? query.modifiedAfter : keyed === 'created' ? query.createdAfter : null;
  const before = keyed === 'modified' ? query.modifiedBefore : keyed === 'created' ? query.createdBefore : null;
  const afterSecond = secondsBound(after);
  const beforeSecond = secondsBound(before);
  if (afterSecond !== null) low = index.firstAfterKey(afterSecond);
  if (beforeSecond !== null) high = Math.max(low, index.firstAtOrAfterKey(beforeSecond));

  const filters: Array<(order: Order) => boolean> = [];
  const onlyAny = query.statuses.length === 1 && query.statuses[0] === 'any';
  if (!onlyAny || !book.allVisibleUnderAny) {
    const byStatus = statusFilter(query.statuses);
    if (byStatus) filters.push(byStatus);
  }
  const include = query.include;
  if (include) filters.push((order) => include.has(order.id));
  if (query.exclude.size) filters.push((order) => !query.exclude.has(order.id));
  const createdVia = query.createdVia;
  if (createdVia) filters.push((order) => createdVia.has(order.createdVia));
  const parent = query.parent;
  if (parent) filters.push((order) => parent.has(order.parentId));
  if (query.search) filters.push(searchFilter(query.search));
  const ranges: Array<[keyof Order, number | null, number | null]> = [];
  if (keyed !== 'created') ranges.push(['createdAt', query.createdAfter, query.createdBefore]);
  if (keyed !== 'modified') ranges.push(['modifiedAt', query.modifiedAfter, query.modifiedBefore]);
  for (const [field, rangeAfter, rangeBefore] of ranges) {
    const min = secondsBound(rangeAfter);
    const max = secondsBound(rangeBefore);
    if (min !== null) filters.push((order) => (order[field] as number) > min);
    if (max !== null) filters.push((order) => (order[field] as number) < max);
  }

  const skip = query.offset ?? (query.page - 1) * query.perPage;
  const take = query.perPage;
  const matches = (order: Order) => filters.every((filter) => filter(order));
  const positionAt = (step: number) => (query.ascending ? low + step : high - 1 - step);

  if (filters.length === 0) {
    const total = high - low;
    const orders: Order[] = [];
    for (let step = skip; step < Math.min(total, skip + take); step++) orders.push(index.at(positionAt(step)));
    return { orders, total, totalPages: Math.ceil(total / take) };
  }
  const orders: Order[] = [];
  let total = 0;
  for (let step = 0; step < high - low; step++) {
    const order = index.at(positionAt(step));
    if (!matches(order)) continue;
    if (total >= skip && orders.length < take) orders.push(order);
    total++;
  }
  return { orders, total, totalPages: Math.ceil(total / take) };
}
