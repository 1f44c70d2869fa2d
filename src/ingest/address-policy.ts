import ipaddr from 'ipaddr.js';

/** Why an address may not be fetched; `public` when it may. */
export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'cloud-metadata' | 'special';

/** Decides whether Footnote may connect to a resolved address. Injected, so tests can say which addresses count. */
export type AddressPolicy = (address: string) => AddressClass;

/** Instance-metadata endpoints of the large clouds (AWS, GCP, Azure, Oracle, Alibaba), named for the message. */
const CLOUD_METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '192.0.0.192', '100.100.100.200']);

const NAMED: Readonly<Record<string, AddressClass>> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'private',
  deprecatedSiteLocal: 'private',
};

/**
 * The default policy: only globally routable unicast addresses are public. Anything else (loopback, RFC 1918,
 * link-local, unique-local, carrier-grade NAT, multicast, reserved, and the 6to4/Teredo/NAT64 forms that embed an
 * IPv4 address) is refused: a list of what is allowed cannot miss a range the way a list of what is refused can.
 * An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.
 */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return 'special';
  const parsed = ipaddr.process(address);
  const normal = parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toNormalizedString() : parsed.toString();
  const short = parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : normal;
  if (CLOUD_METADATA.has(short)) return 'cloud-metadata';
  const range = parsed.range();
  if (range === 'unicast') return 'public';
  return NAMED[range] ?? 'special';
}

/** Every address public: `INGEST_ALLOW_PRIVATE=true` (tests, private deployments). */
export const allowEveryAddress: AddressPolicy = () => 'public';
