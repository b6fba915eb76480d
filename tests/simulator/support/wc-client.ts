import { signOAuthUrl, type KeyPair } from '@/simulator';

export interface WcResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A minimal OAuth 1.0a client over fetch, for tests that need exact requests. */
export function wcClient(baseUrl: string, key: KeyPair) {
  return async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<WcResponse<T>> {
    const url = signOAuthUrl({ method, url: `${baseUrl}/wp-json/wc/v3${path}`, ...key });
    const response = await fetch(url, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (an HTML fault page): tests look at `text`.
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
}

export type WcCall = ReturnType<typeof wcClient>;
