import type { Readable, Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';
export const UNSUPPORTED_ENCODING = 'UNSUPPORTED_ENCODING';

/** A store's answer grew past the most Orderbridge reads from one answer (counted after decompression). */
export class ResponseTooLargeError extends Error {
  readonly code = RESPONSE_TOO_LARGE;

  constructor(
    readonly host: string,
    readonly limitBytes: number,
  ) {
    super(
      `${host} sent an answer larger than ${formatBytes(limitBytes)} (unpacked), the most Orderbridge reads from a store in one answer`,
    );
    this.name = 'ResponseTooLargeError';
  }
}

export function isResponseTooLargeError(error: unknown): error is ResponseTooLargeError {
  return error instanceof ResponseTooLargeError;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
  if (bytes >= 1_000) return `${Number((bytes / 1_000).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

// Lenient like browsers and axios: a body cut short after its last complete block still decodes.
const LENIENT = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

function decoderFor(contentEncoding: string | undefined, host: string): Transform | null {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip(LENIENT);
    case 'deflate':
      return createInflate(LENIENT);
    case 'br':
      return createBrotliDecompress();
    default:
      throw Object.assign(new Error(`${host} sent its answer in an encoding Orderbridge cannot read (${encoding.slice(0, 40)})`), {
        code: UNSUPPORTED_ENCODING,
      });
  }
}

export type CappedBodyOptions = {
  /** Most bytes read, counted after decompression, before the connection is cut. */
  maxBytes: number;
  /** The answer's Content-Encoding: gzip, deflate and br are unpacked here, chunk by chunk. */
  contentEncoding?: string;
  /** Named in the error when the answer is too large. */
  host: string;
  signal?: AbortSignal;
};

/**
 * The one way a store's answer is read into memory: unpacked as it streams and counted, so neither a huge
 * body nor a small compressed one that unpacks to gigabytes gets further than `maxBytes` — the source is
 * destroyed at once, which closes the connection.
 */
export function readCappedBody(body: Readable, options: CappedBodyOptions): Promise<Buffer> {
  let decoder: Transform | null;
  try {
    decoder = decoderFor(options.contentEncoding, options.host);
  } catch (error) {
    body.destroy();
    return Promise.reject(error);
  }
  const source: Readable = decoder ? body.pipe(decoder) : body;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = () => {
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settle();
      body.destroy();
      decoder?.destroy();
      reject(error);
    };
    const onAbort = () => fail(options.signal?.reason ?? Object.assign(new Error('The request was aborted'), { name: 'AbortError' }));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > options.maxBytes) fail(new ResponseTooLargeError(options.host, options.maxBytes));
      else chunks.push(chunk);
    });
    source.once('end', () => {
      if (settled) return;
      settle();
      resolve(Buffer.concat(chunks, size));
    });
    source.once('error', fail);
    body.once('error', fail);
    // A connection cut before the end is a failure, not a short answer.
    body.once('close', () => {
      if (!body.readableEnded)
        fail(Object.assign(new Error('The store closed the connection before the end of its answer'), { code: 'ECONNRESET' }));
    });
  });
}
