import { describeForbiddenReason, type ForbiddenAddressReason } from './address-policy';
import { FORBIDDEN_ADDRESS_CODE } from './transport-failure';

/** The store's address resolves somewhere Orderbridge must never connect to (SSRF guard). */
export class StoreAddressForbiddenError extends Error {
  readonly code = FORBIDDEN_ADDRESS_CODE;

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
    error instanceof StoreAddressForbiddenError || (error instanceof Error && (error as { code?: unknown }).code === FORBIDDEN_ADDRESS_CODE)
  );
}
