import type { ServerResponse } from 'node:http';

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const CRITICAL_ERROR_JSON = JSON.stringify({
  code: 'internal_server_error',
  message:
    '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
});

export function criticalError(): RawResponse {
  return { status: 500, contentType: 'application/json; charset=UTF-8', body: CRITICAL_ERROR_JSON };
}

export function badGateway(): RawResponse {
  return {
    status: 502,
    contentType: 'text/html',
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  };
}

export function serviceUnavailable(retryAfterSeconds: number): RawResponse {
  return {
    status: 503,
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>',
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

export function tooManyRequests(retryAfterSeconds: number): RawResponse {
  return {
    status: 429,
    contentType: 'text/html; charset=utf-8',
    body: '<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>',
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

/** A 200 that is not JSON: a caching plugin, a security challenge or a maintenance page answering instead of the API. */
export function htmlPage(): RawResponse {
  return {
    status: 200,
    contentType: 'text/html; charset=UTF-8',
    body: '<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="UTF-8"><title>Just a moment...</title></head><body><p>Checking your browser before accessing the site.</p></body></html>',
  };
}

export function timeLimitFatal(limitSeconds: number): RawResponse {
  return {
    status: 500,
    contentType: 'text/html; charset=UTF-8',
    body: `<br />\n<b>Fatal error</b>:  Maximum execution time of ${limitSeconds} seconds exceeded in <b>/var/www/html/wp-includes/class-wpdb.php</b> on line <b>2351</b><br />\n`,
  };
}

export function sendRaw(response: ServerResponse, raw: RawResponse): void {
  response.writeHead(raw.status, { 'Content-Type': raw.contentType, ...raw.headers });
  response.end(raw.body);
}
