import { classifyAddress, isPublicAddress } from './ip-address.classifier';

describe('classifyAddress / isPublicAddress', () => {
  it.each([
    // IPv4: public
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['93.184.216.34', 'public'],
    ['100.63.255.255', 'public'], // just below CGNAT
    ['100.128.0.0', 'public'], // just above CGNAT
    ['172.15.255.255', 'public'], // just below 172.16/12
    ['172.32.0.0', 'public'], // just above
    ['169.253.255.255', 'public'],
    ['192.169.0.1', 'public'],
    ['223.255.255.255', 'public'],
    // IPv4: refused
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.5', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.170', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', 'reserved'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6: public
    ['2606:4700:4700::1111', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['2a00:1450:4007:80e::200e', 'public'],
    ['::ffff:8.8.8.8', 'public'], // IPv4-mapped public
    ['64:ff9b::808:808', 'public'], // NAT64 of 8.8.8.8
    ['2002:0808:0808::1', 'public'], // 6to4 of 8.8.8.8
    // IPv6: refused
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::127.0.0.1', 'reserved'], // IPv4-compatible (deprecated)
    ['::8.8.8.8', 'reserved'],
    ['::ffff:0:7f00:1', 'reserved'], // IPv4-translated
    ['64:ff9b::7f00:1', 'loopback'], // NAT64 of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', 'link-local'], // NAT64 of 169.254.169.254
    ['64:ff9b:1::a00:1', 'reserved'], // local-use NAT64
    ['2002:7f00:0001::1', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'reserved'], // Teredo
    ['2001:2::1', 'benchmarking'],
    ['2001:10::1', 'reserved'], // ORCHID
    ['100::1', 'reserved'], // discard-only
    ['4000::1', 'reserved'], // outside 2000::/3
    ['fe80::1%eth0', 'link-local'],
    ['2606:4700::1%eth0', 'reserved'], // zone ids are never fetched through
    // Not literal addresses: never public (URL parsing normalises these first).
    ['2130706433', 'invalid'],
    ['0177.0.0.1', 'invalid'],
    ['0x7f.0.0.1', 'invalid'],
    ['127.1', 'invalid'],
    ['localhost', 'invalid'],
    ['[::1]', 'invalid'],
    ['', 'invalid'],
    ['1.2.3.256', 'invalid'],
  ])('%s → %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
    expect(isPublicAddress(ip)).toBe(expected === 'public');
  });

  it('agrees on upper- and lower-case IPv6', () => {
    expect(classifyAddress('FE80::1')).toBe('link-local');
    expect(classifyAddress('::FFFF:7F00:1')).toBe('loopback');
  });
});
