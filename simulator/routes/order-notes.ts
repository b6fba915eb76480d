import { defineRoute } from '@/simulator/http/route-builder';
import type { RestRequest, RestResponse } from '@/simulator/http/rest-types';
import type { Order, OrderNote } from '@/simulator/order-types';
import { addNoteToOrder } from '@/simulator/orders-service';
import { missingParams, RestError } from '@/simulator/rest-errors';
import { parseBooleanParam } from '@/simulator/rest-validation';
import type { SimStore } from '@/simulator/sim-store';
import { restUrl, type StoreIdentity } from '@/simulator/store-identity';
import { formatWcDate } from '@/simulator/wc-dates';

function noteJson(note: OrderNote, identity: StoreIdentity) {
  const collection = restUrl(identity, `/wc/v3/orders/${note.orderId}/notes`);
  return {
    id: note.id,
    author: note.author,
    date_created: formatWcDate(note.createdAt, identity.utcOffsetMinutes),
    date_created_gmt: formatWcDate(note.createdAt),
    note: note.note,
    customer_note: note.customerNote,
    _links: {
      self: [{ href: `${collection}/${note.id}`, targetHints: { allow: ['GET', 'DELETE'] } }],
      collection: [{ href: collection }],
      up: [{ href: restUrl(identity, `/wc/v3/orders/${note.orderId}`) }],
    },
  };
}

const invalidOrder = () => new RestError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);

function findOrder(store: SimStore, request: RestRequest): Order {
  const order = store.state.book.get(Number(request.pathParams.id));
  if (!order) throw invalidOrder();
  return order;
}

/** Newest first; notes written in the same second keep their id order (capture 18). */
function newestFirst(notes: OrderNote[]): OrderNote[] {
  return [...notes].sort((a, b) => b.createdAt - a.createdAt || a.id - b.id);
}

async function notesRoute(request: RestRequest, store: SimStore): Promise<RestResponse> {
  const identity = store.state.identity;
  if (request.method === 'GET') {
    request.authorize();
    const order = findOrder(store, request);
    const type = typeof request.query.type === 'string' ? request.query.type : 'any';
    const notes = store.state.book
      .notesOf(order.id)
      .filter((note) => type === 'any' || (type === 'customer' ? note.customerNote : !note.customerNote));
    return { status: 200, body: newestFirst(notes).map((note) => noteJson(note, identity)) };
  }
  if (request.body.note === undefined || request.body.note === '') throw missingParams(['note']);
  request.authorize();
  const order = findOrder(store, request);
  const customerNote = parseBooleanParam(String(request.body.customer_note ?? 'false'), false);
  const author = parseBooleanParam(String(request.body.added_by_user ?? 'false'), false) ? 'admin' : undefined;
  const note = addNoteToOrder(store.state, order, String(request.body.note), customerNote, author);
  return {
    status: 201,
    body: noteJson(note, identity),
    headers: { Location: restUrl(identity, `/wc/v3/orders/${order.id}/notes/${note.id}`) },
  };
}

function noteItemRoute(request: RestRequest, store: SimStore): RestResponse {
  request.authorize();
  const order = findOrder(store, request);
  const note = store.state.book.notesOf(order.id).find((candidate) => candidate.id === Number(request.pathParams.noteId));
  if (!note) throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);
  return { status: 200, body: noteJson(note, store.state.identity) };
}

export const orderNoteRoutes = [
  defineRoute<SimStore>('/wc/v3/orders/:id/notes', { GET: 'list', POST: 'create' }, 'GET, POST', notesRoute),
  defineRoute<SimStore>('/wc/v3/orders/:id/notes/:noteId', { GET: 'view' }, 'GET, DELETE', noteItemRoute),
];
