// SSRF guard: which resolved addresses a fetch may connect to. Only public unicast addresses are allowed;
// loopback, private, link-local (incl. cloud metadata 169.254.169.254), CGNAT, unique-local, multicast, reserved,
// and IPv4 hidden in IPv6 (mapped, NAT64, 6to4, Teredo) are refused by what they are, never by the host name.
import ipaddr from "ipaddr.js";

/** ipaddr.js range names that are public, routable unicast. Everything else is refused. */
const PUBLIC_RANGES = new Set(["unicast"]);

/** Addresses a cloud provider answers metadata on, named in the refusal so the reason is plain. */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]);

export interface AllowRule {
  /** Network and prefix length of an allowed range. */
  range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  /** When set, only this port is allowed in the range. */
  port?: number;
}

/**
 * Parses FETCH_ALLOW_PRIVATE: comma-separated `ADDRESS[/PREFIX][:PORT]` (IPv6 in brackets when a port follows,
 * e.g. `[::1]:8080`). For tests only: it lets a fetch reach a local test server on one port and nothing else.
 */
export function parseAllowList(spec: string | undefined): AllowRule[] {
  if (!spec) return [];
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      // [v6]/prefix:port, v4/prefix:port, or a bare v6 address (no port).
      const m =
        /^\[([^\]]+)\](?:\/(\d+))?(?::(\d+))?$/.exec(entry) ??
        /^([^:/]+)(?:\/(\d+))?(?::(\d+))?$/.exec(entry) ??
        /^([0-9a-fA-F.:]+:[0-9a-fA-F.:]*)(?:\/(\d+))?()$/.exec(entry);
      const address = m?.[1];
      if (!m || !address || !ipaddr.isValid(address)) throw new Error(`invalid allow-list entry "${entry}"`);
      const ip = ipaddr.parse(address);
      const prefix = m[2] ? Number(m[2]) : ip.kind() === "ipv4" ? 32 : 128;
      return { range: [ip, prefix] as [ipaddr.IPv4 | ipaddr.IPv6, number], ...(m[3] ? { port: Number(m[3]) } : {}) };
    });
}

/** Why an address may not be connected to, or null when it may. */
export function refusalReason(address: string, port: number, allow: readonly AllowRule[] = []): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address it carries.
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  for (const rule of allow) {
    if (rule.range[0].kind() === ip.kind() && ip.match(rule.range as never) && (rule.port === undefined || rule.port === port)) {
      return null;
    }
  }
  const normal = ip.toNormalizedString();
  if (METADATA.has(normal) || METADATA.has(ip.toString())) return `${address} is a cloud metadata address`;
  const range = ip.range();
  if (!PUBLIC_RANGES.has(range)) return `${address} is a ${range} address`;
  return null;
}
