import type { Product } from '@/simulator/catalogue';
import { defineRoute } from '@/simulator/http/route-builder';
import { listResponse } from '@/simulator/http/list-response';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import type { QueryParams } from '@/simulator/order-query';
import { productJson, variationJson } from '@/simulator/product-json';
import { invalidParams, RestError, type InvalidParam } from '@/simulator/rest-errors';
import { parseIntegerParam, parseListParam, single } from '@/simulator/rest-validation';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl } from '@/simulator/store-identity';

const DEFAULTS: Array<[string, string]> = [['context', 'view']];

function paging(query: QueryParams) {
  const problems: InvalidParam[] = [];
  const page = parseIntegerParam('page', single(query.page), 1, { minimum: 1 }, problems);
  const perPage = parseIntegerParam('per_page', single(query.per_page), 10, { minimum: 1, maximum: 100 }, problems);
  if (problems.length) throw invalidParams(problems);
  return { page, perPage };
}

/** Newest first; products created in the same second come in id order (capture 13). */
const newestFirst = (a: Product, b: Product) => b.createdAt - a.createdAt || a.id - b.id;

function listProducts(request: RestRequest, store: SimStore): RestResponse {
  const { page, perPage } = paging(request.query);
  request.authorize();
  const { catalogue, identity } = store.state;
  const skus = parseListParam(single(request.query.sku));
  const include = new Set(parseListParam(request.query.include).map(Number));
  const type = single(request.query.type);
  const search = single(request.query.search)?.toLowerCase();
  // A sku filter also finds variations; otherwise only top-level products are listed.
  const matching = catalogue
    .all()
    .filter((product) => (skus.length ? skus.includes(product.sku) : product.type !== 'variation'))
    .filter((product) => !include.size || include.has(product.id))
    .filter((product) => !type || product.type === type)
    .filter((product) => !search || product.name.toLowerCase().includes(search))
    .sort(newestFirst);
  const pageItems = matching.slice((page - 1) * perPage, page * perPage);
  return listResponse(
    pageItems.map((product) => productJson(catalogue, product, identity)),
    matching.length,
    Math.ceil(matching.length / perPage),
    { collectionUrl: restUrl(identity, '/wc/v3/products'), request, page, defaults: DEFAULTS },
  );
}

const invalidProduct = () => new RestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 404);

function getProduct(request: RestRequest, store: SimStore): RestResponse {
  request.authorize();
  const product = store.state.catalogue.get(Number(request.pathParams.id));
  if (!product) throw invalidProduct();
  return { status: 200, body: productJson(store.state.catalogue, product, store.state.identity) };
}

function listVariations(request: RestRequest, store: SimStore): RestResponse {
  const { page, perPage } = paging(request.query);
  request.authorize();
  const { catalogue, identity } = store.state;
  const parent = catalogue.get(Number(request.pathParams.id));
  if (!parent || parent.type === 'variation') {
    throw new RestError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 404);
  }
  const variations = parent.variationIds
    .map((id) => catalogue.get(id))
    .filter((variation): variation is Product => variation !== undefined)
    .sort((a, b) => b.id - a.id);
  const pageItems = variations.slice((page - 1) * perPage, page * perPage);
  return listResponse(
    pageItems.map((variation) => variationJson(catalogue, variation, identity)),
    variations.length,
    Math.ceil(variations.length / perPage),
    { collectionUrl: restUrl(identity, `/wc/v3/products/${parent.id}/variations`), request, page, defaults: DEFAULTS },
  );
}

function getVariation(request: RestRequest, store: SimStore): RestResponse {
  request.authorize();
  const { catalogue, identity } = store.state;
  const variation = catalogue.get(Number(request.pathParams.variationId));
  if (!variation || variation.parentId !== Number(request.pathParams.id)) {
    throw new RestError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 404);
  }
  return { status: 200, body: variationJson(catalogue, variation, identity) };
}

export const productRoutes = [
  defineRoute<SimStore>('/wc/v3/products', { GET: 'list' }, 'GET, POST', listProducts),
  defineRoute<SimStore>('/wc/v3/products/:id', { GET: 'view' }, 'GET, POST, PUT, PATCH, DELETE', getProduct),
  defineRoute<SimStore>('/wc/v3/products/:id/variations', { GET: 'list' }, 'GET, POST', listVariations),
  defineRoute<SimStore>('/wc/v3/products/:id/variations/:variationId', { GET: 'view' }, 'GET, POST, PUT, PATCH, DELETE', getVariation),
];
