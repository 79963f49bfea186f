import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which kind of address an IP is, for the SSRF guard. Anything but 'public' is
 * refused. The tables follow the IANA special-purpose registries; IPv6 is an
 * allow-list (only global unicast 2000::/3 can be public) so a range added later,
 * or one forgotten here, fails closed. Addresses that embed an IPv4 address
 * (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by
 * the IPv4 address they lead to.
 */
export type AddressClass =
  | 'public'
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

type Ipv4Rule = readonly [base: string, bits: number, kind: Exclude<AddressClass, 'public' | 'invalid'>];

// Order matters only where ranges nest (255.255.255.255 inside 240/4).
const IPV4_RULES: readonly Ipv4Rule[] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // includes cloud metadata 169.254.169.254
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments (incl. NAT64 discovery)
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

const IPV4_TABLE = IPV4_RULES.map(([base, bits, kind]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { network: (ipv4ToInt(base) & mask) >>> 0, mask, kind };
});

function classifyIpv4Int(value: number): AddressClass {
  for (const { network, mask, kind } of IPV4_TABLE) {
    if (((value & mask) >>> 0) === network) return kind;
  }
  return 'public';
}

/** Eight 16-bit words of a valid IPv6 address (zone id already removed). */
function ipv6Words(ip: string): number[] {
  let text = ip;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // Trailing dotted quad (::ffff:1.2.3.4): becomes the last two words.
    const v4 = ipv4ToInt(text.slice(lastColon + 1));
    tail.push(v4 >>> 16, v4 & 0xffff);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1); // "::ffff:" → "::ffff", but "::" stays

  }
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((word) => parseInt(word, 16)));
  const doubleColon = text.indexOf('::');
  let words: number[];
  if (doubleColon >= 0) {
    const head = parse(text.slice(0, doubleColon));
    const rest = parse(text.slice(doubleColon + 2));
    const zeros = 8 - tail.length - head.length - rest.length;
    words = [...head, ...new Array<number>(zeros).fill(0), ...rest];
  } else {
    words = parse(text);
  }
  return [...words, ...tail];
}

function embeddedIpv4(high: number, low: number): number {
  return ((high << 16) >>> 0) + low;
}

function classifyIpv6(ip: string): AddressClass {
  const w = ipv6Words(ip);
  if (w.length !== 8 || w.some((word) => !Number.isInteger(word) || word < 0 || word > 0xffff)) return 'invalid';
  const [w0, w1, w2, w3, w4, w5, w6, w7] = w as [number, number, number, number, number, number, number, number];
  const firstFiveZero = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;

  if (firstFiveZero && w5 === 0 && w6 === 0 && w7 === 0) return 'unspecified';
  if (firstFiveZero && w5 === 0 && w6 === 0 && w7 === 1) return 'loopback';
  if (firstFiveZero && w5 === 0xffff) return classifyIpv4Int(embeddedIpv4(w6, w7)); // IPv4-mapped
  if (firstFiveZero && w5 === 0) return 'reserved'; // IPv4-compatible (deprecated, never routed)
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0xffff && w5 === 0) return 'reserved'; // IPv4-translated
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) {
    return classifyIpv4Int(embeddedIpv4(w6, w7)); // NAT64 well-known prefix
  }
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 1) return 'reserved'; // local-use NAT64: could lead anywhere
  if ((w0 & 0xff00) === 0xff00) return 'multicast';
  if ((w0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((w0 & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((w0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if (w0 === 0x2002) return classifyIpv4Int(embeddedIpv4(w1, w2)); // 6to4
  if (w0 === 0x2001 && w1 === 0x0db8) return 'documentation';
  if (w0 === 0x2001 && w1 === 0x0002 && w2 === 0) return 'benchmarking';
  if (w0 === 0x2001 && w1 < 0x0200) return 'reserved'; // IETF protocol assignments, incl. Teredo 2001::/32
  if (w0 === 0x3fff && w1 < 0x1000) return 'documentation'; // 3fff::/20
  if ((w0 & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3 (incl. 100::/64 discard)
  return 'public';
}

/** The class of a literal IP address ('invalid' for anything that is not one, e.g. "2130706433"). */
export function classifyAddress(ip: string): AddressClass {
  if (typeof ip !== 'string') return 'invalid';
  if (isIPv4(ip)) return classifyIpv4Int(ipv4ToInt(ip));
  const zone = ip.indexOf('%');
  const bare = zone >= 0 ? ip.slice(0, zone) : ip;
  if (!isIPv6(bare)) return 'invalid';
  const kind = classifyIpv6(bare.toLowerCase());
  // A zone id only makes sense on link-local/multicast scopes; never fetch through one.
  return zone >= 0 && kind === 'public' ? 'reserved' : kind;
}

/** True only for a literal IP address that is globally routable (see classifyAddress). */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'public';
}
