import { rfc3986 } from '@/simulator/oauth-signature';
import type { QueryParams } from '@/simulator/order-query';
import type { RestRequest, RestResponse } from './rest-types';

function queryPairs(query: QueryParams): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((item, index) => pairs.push([`${key}[${index}]`, item]));
    else pairs.push([key, key === 'dates_are_gmt' ? (['1', 'true', 'yes'].includes(value) ? '1' : '') : value]);
  }
  return pairs;
}

/**
 * WordPress's pagination Link header: the request's own query (oauth_* params included — never follow it),
 * defaults appended, page swapped. It replaces the api.w.org Link header, as in capture 07.
 */
export function paginationLink(
  collectionUrl: string,
  request: RestRequest,
  page: number,
  totalPages: number,
  appendedDefaults: Array<[string, string]>,
): string | null {
  const pairs = queryPairs(request.query);
  for (const [key, value] of appendedDefaults) {
    const base = key.replace(/\[\d+\]$/, '');
    if (!pairs.some(([existing]) => existing === key || existing.startsWith(`${base}[`) || existing === base)) {
      pairs.push([key, value]);
    }
  }
  const linkFor = (targetPage: number) => {
    const withPage = pairs.some(([key]) => key === 'page')
      ? pairs.map(([key, value]): [string, string] => [key, key === 'page' ? String(targetPage) : value])
      : [...pairs, ['page', String(targetPage)] as [string, string]];
    const search = withPage.map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`).join('&');
    return `${collectionUrl}?${search}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${linkFor(Math.min(page - 1, totalPages))}>; rel="prev"`);
  if (totalPages > page) links.push(`<${linkFor(page + 1)}>; rel="next"`);
  return links.length ? links.join(', ') : null;
}

export function listResponse(
  items: unknown[],
  total: number,
  totalPages: number,
  pagination: { collectionUrl: string; request: RestRequest; page: number; defaults: Array<[string, string]> },
): RestResponse {
  const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages) };
  const link = paginationLink(pagination.collectionUrl, pagination.request, pagination.page, totalPages, pagination.defaults);
  if (link) headers.Link = link;
  return { status: 200, body: items, headers };
}
