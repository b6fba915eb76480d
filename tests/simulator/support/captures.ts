import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const CAPTURES_DIR = path.resolve(process.cwd(), '../shared/woo/captures');

export interface CapturedRequest {
  store: 'main' | 'suba' | 'subb';
  method?: string;
  path?: string;
  body?: unknown;
  description?: string;
}

export interface CapturedResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface Capture {
  file: string;
  number: number;
  request: CapturedRequest;
  response: CapturedResponse;
  /** Files like 31 and 38 record webhook deliveries instead of a request/response pair. */
  raw: Record<string, unknown>;
}

export function loadCaptures(): Capture[] {
  return readdirSync(CAPTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(path.join(CAPTURES_DIR, file), 'utf8')) as Record<string, unknown>;
      return {
        file,
        number: Number.parseInt(file, 10),
        request: raw.request as CapturedRequest,
        response: raw.response as CapturedResponse,
        raw,
      };
    });
}
