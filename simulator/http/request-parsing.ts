import type { IncomingMessage } from 'node:http';
import { isPlainObject } from '@/simulator/order-input';
import type { Posted } from '@/simulator/order-lines';
import type { QueryParams } from '@/simulator/order-query';
import { parsePhpQuery } from '@/simulator/oauth-signature';
import { RestError } from '@/simulator/rest-errors';

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Query parameters as WordPress sees them: `x[]=a&x[]=b` becomes an array, a repeated plain key keeps the last. */
export function parseQuery(rawQuery: string): QueryParams {
  const params: QueryParams = {};
  for (const [key, value] of parsePhpQuery(rawQuery)) {
    params[key] = Array.isArray(value) ? value.map(([, item]) => item) : value;
  }
  return params;
}

export function isFormBody(contentType: string | undefined): boolean {
  return (contentType ?? '').includes('application/x-www-form-urlencoded');
}

export function parseBody(raw: string, contentType: string | undefined): Posted {
  if (!raw.trim()) return {};
  if (isFormBody(contentType)) return parseQuery(raw) as Posted;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isPlainObject(parsed) ? parsed : {};
  } catch (error) {
    throw new RestError('rest_invalid_json', 'Invalid JSON body passed.', 400, {
      json_error_code: 4,
      json_error_message: error instanceof Error ? error.message : 'Syntax error',
    });
  }
}

function pickFields(value: unknown, fields: string[]): unknown {
  if (!isPlainObject(value)) return value;
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (field in value) picked[field] = value[field];
  return picked;
}

/** WordPress's `_fields`: keeps only the named top-level fields (`a.b` keeps `a`). */
export function trimFields(body: unknown, rawFields: string | string[] | undefined): unknown {
  if (rawFields === undefined) return body;
  const fields = [
    ...new Set(
      (Array.isArray(rawFields) ? rawFields : [rawFields])
        .flatMap((value) => value.split(','))
        .map((field) => field.trim().split('.')[0])
        .filter(Boolean),
    ),
  ];
  if (!fields.length) return body;
  return Array.isArray(body) ? body.map((item) => pickFields(item, fields)) : pickFields(body, fields);
}
