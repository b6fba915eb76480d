import { customerJson, type Customer } from '@/simulator/customers';
import { defineRoute } from '@/simulator/http/route-builder';
import { listResponse } from '@/simulator/http/list-response';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import { invalidParams, missingParams, RestError, type InvalidParam } from '@/simulator/rest-errors';
import { checkEnum, isValidEmail, parseBooleanParam, parseIntegerParam, single } from '@/simulator/rest-validation';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl } from '@/simulator/store-identity';
import { truncateToSecond } from '@/simulator/wc-dates';

const DEFAULTS: Array<[string, string]> = [
  ['context', 'view'],
  ['order', 'asc'],
  ['orderby', 'name'],
  ['role', 'customer'],
];
const ORDERBY = ['id', 'include', 'name', 'registered_date'];
const ROLES = ['all', 'administrator', 'editor', 'author', 'contributor', 'subscriber', 'customer', 'shop_manager'];

const invalidCustomer = () => new RestError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);

/** GET /customers: WooCommerce's filters by `email` (exact), `role`, `search`, in `orderby` order. */
function listCustomers(request: RestRequest, store: SimStore): RestResponse {
  const problems: InvalidParam[] = [];
  const page = parseIntegerParam('page', single(request.query.page), 1, { minimum: 1 }, problems);
  const perPage = parseIntegerParam('per_page', single(request.query.per_page), 10, { minimum: 1, maximum: 100 }, problems);
  const orderby = single(request.query.orderby) ?? 'name';
  const order = single(request.query.order) ?? 'asc';
  const role = single(request.query.role) ?? 'customer';
  for (const [param, value, allowed] of [
    ['orderby', orderby, ORDERBY],
    ['order', order, ['asc', 'desc']],
    ['role', role, ROLES],
  ] as const) {
    const problem = checkEnum(param, value, allowed);
    if (problem) problems.push(problem);
  }
  const email = single(request.query.email);
  if (email !== undefined && !isValidEmail(email))
    problems.push({ param: 'email', code: 'rest_invalid_param', message: 'email is not a valid email address.' });
  if (problems.length) throw invalidParams(problems);
  request.authorize();
  const search = single(request.query.search)?.toLowerCase();
  // Every simulated customer has the customer role.
  const matching = store.state.customers
    .all()
    .filter(() => role === 'all' || role === 'customer')
    .filter((c) => email === undefined || c.email.toLowerCase() === email.toLowerCase())
    .filter((c) => !search || `${c.email} ${c.firstName} ${c.lastName}`.toLowerCase().includes(search))
    .sort(comparator(orderby, order === 'desc' ? -1 : 1));
  const identity = store.state.identity;
  return listResponse(
    matching.slice((page - 1) * perPage, page * perPage).map((c) => customerJson(c, identity)),
    matching.length,
    Math.ceil(matching.length / perPage),
    { collectionUrl: restUrl(identity, '/wc/v3/customers'), request, page, defaults: DEFAULTS },
  );
}

function comparator(orderby: string, direction: 1 | -1) {
  return (a: Customer, b: Customer) => {
    if (orderby === 'name')
      return direction * (`${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`) || a.id - b.id);
    if (orderby === 'registered_date') return direction * (a.createdAt - b.createdAt || a.id - b.id);
    return direction * (a.id - b.id);
  };
}

function createCustomer(request: RestRequest, store: SimStore): RestResponse {
  if (request.body.email === undefined) throw missingParams(['email']);
  const email = String(request.body.email);
  if (!isValidEmail(email))
    throw invalidParams([{ param: 'email', code: 'rest_invalid_param', message: 'email is not a valid email address.' }]);
  request.authorize();
  if (store.state.customers.byEmail(email)) {
    throw new RestError('registration-error-email-exists', 'An account is already registered with your email address.', 400);
  }
  const customer = store.state.customers.add(
    {
      email,
      firstName: request.body.first_name === undefined ? '' : String(request.body.first_name),
      lastName: request.body.last_name === undefined ? '' : String(request.body.last_name),
    },
    truncateToSecond(store.state.clock.now()),
  );
  const identity = store.state.identity;
  return {
    status: 201,
    body: customerJson(customer, identity),
    headers: { Location: restUrl(identity, `/wc/v3/customers/${customer.id}`) },
  };
}

function customerItem(request: RestRequest, store: SimStore): RestResponse {
  request.authorize();
  const customer = store.state.customers.get(Number(request.pathParams.id));
  if (!customer) throw invalidCustomer();
  const body = customerJson(customer, store.state.identity);
  if (request.method === 'GET') return { status: 200, body };
  const force = parseBooleanParam(single(request.query.force), false);
  if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Customers do not support trashing.', 501);
  store.state.customers.remove(customer.id);
  return { status: 200, body };
}

export const customerRoutes = [
  defineRoute<SimStore>('/wc/v3/customers', { GET: 'list', POST: 'create' }, 'GET, POST', (request, store) =>
    request.method === 'GET' ? listCustomers(request, store) : createCustomer(request, store),
  ),
  defineRoute<SimStore>('/wc/v3/customers/:id', { GET: 'view', DELETE: 'delete' }, 'GET, POST, PUT, PATCH, DELETE', customerItem),
];
