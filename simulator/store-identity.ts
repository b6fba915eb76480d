/** What a store says about itself in URLs and dates. */
export interface StoreIdentity {
  name: string;
  title: string;
  /** The home URL exactly as the merchant's WordPress has it; OAuth signatures cover it. */
  homeUrl: string;
  utcOffsetMinutes: number;
  currency: string;
  taxRatePercent: number;
}

export function restUrl(identity: StoreIdentity, route: string): string {
  return `${identity.homeUrl}/wp-json${route}`;
}
