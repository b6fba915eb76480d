export class DeliveryTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The delivery is larger than ${maxBytes} bytes`);
    this.name = 'DeliveryTooLargeError';
  }
}

/** The raw bytes as sent (the signature covers them exactly), refused early once past `maxBytes`. */
export async function readRequestBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw new DeliveryTooLargeError(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DeliveryTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
