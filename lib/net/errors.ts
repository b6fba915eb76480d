import { describeForbiddenReason, type ForbiddenAddressReason } from './address-policy';

/** The store's address resolves somewhere Orderbridge must never connect to (SSRF guard). */
export class StoreAddressForbiddenError extends Error {
  readonly code = 'ERR_STORE_ADDRESS_FORBIDDEN';

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: ForbiddenAddressReason,
  ) {
    super(
      `${hostname} resolves to ${address}, ${describeForbiddenReason(reason)}; Orderbridge only connects to stores on the public internet.`,
    );
    this.name = 'StoreAddressForbiddenError';
  }
}

export function isStoreAddressForbiddenError(error: unknown): error is StoreAddressForbiddenError {
  return (
    error instanceof StoreAddressForbiddenError ||
    (error instanceof Error && (error as { code?: unknown }).code === 'ERR_STORE_ADDRESS_FORBIDDEN')
  );
}
