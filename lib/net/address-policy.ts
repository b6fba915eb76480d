import { isIPv4, isIPv6 } from 'node:net';

export type ForbiddenAddressReason =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'cloud-metadata'
  | 'multicast'
  | 'unique-local'
  | 'reserved'
  | 'invalid';

type Ipv4Range = { base: number; prefix: number; reason: ForbiddenAddressReason };

const IPV4_RANGES: Ipv4Range[] = [
  ['169.254.169.254', 32, 'cloud-metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade-nat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
].map(([base, prefix, reason]) => ({
  base: ipv4ToNumber(base as string),
  prefix: prefix as number,
  reason: reason as ForbiddenAddressReason,
}));

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function classifyIpv4(address: string): ForbiddenAddressReason | null {
  const value = ipv4ToNumber(address);
  for (const range of IPV4_RANGES) {
    const size = 2 ** (32 - range.prefix);
    if (Math.floor(value / size) === Math.floor(range.base / size)) return range.reason;
  }
  return null;
}

/** Eight 16-bit groups; an embedded dotted quad (`::ffff:1.2.3.4`) becomes the last two groups. */
function ipv6ToGroups(address: string): number[] {
  let text = address.split('%')[0].toLowerCase();
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = ipv4ToNumber(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return groups.map((group) => parseInt(group, 16));
}

function embeddedIpv4(groups: number[]): string {
  const [high, low] = [groups[6], groups[7]];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function classifyIpv6(address: string): ForbiddenAddressReason | null {
  const g = ipv6ToGroups(address);
  if (g.length !== 8 || g.some((group) => Number.isNaN(group))) return 'invalid';
  const firstSixZero = g.slice(0, 6).every((group) => group === 0);
  if (firstSixZero && g[6] === 0 && g[7] === 0) return 'unspecified';
  if (firstSixZero && g[6] === 0 && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach an IPv4 host: judge that host.
  const isMapped = g.slice(0, 5).every((group) => group === 0) && g[5] === 0xffff;
  const isNat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0);
  if (isMapped || isNat64) return classifyIpv4(embeddedIpv4(g));
  if (firstSixZero) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((group) => group === 0) && g[7] === 0x254) return 'cloud-metadata';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // Only global unicast (2000::/3) is public; within it, documentation, Teredo and 6to4 tunnels are refused.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  if (g[0] === 0x2001 && (g[1] === 0x0db8 || g[1] === 0)) return 'reserved';
  if (g[0] === 0x2002) return 'reserved';
  return null;
}

/** Why an address must not be contacted as a merchant's store, or null when it is a public address. */
export function classifyAddress(address: string): ForbiddenAddressReason | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return classifyIpv4(bare);
  if (isIPv6(bare)) return classifyIpv6(bare);
  return 'invalid';
}

const REASON_LABELS: Record<ForbiddenAddressReason, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address (this server itself)',
  private: 'a private network address',
  'link-local': 'a link-local address',
  'carrier-grade-nat': 'a carrier-grade NAT address',
  'cloud-metadata': 'a cloud metadata address',
  multicast: 'a multicast address',
  'unique-local': 'a private (unique local) IPv6 address',
  reserved: 'a reserved address',
  invalid: 'not a valid address',
};

export function describeForbiddenReason(reason: ForbiddenAddressReason): string {
  return REASON_LABELS[reason];
}
