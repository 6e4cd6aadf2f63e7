// Fetches a page for ingest with an SSRF guard, timeouts, a size cap and a redirect limit.
// The guard runs inside the connector: the host name is resolved here, every address is checked, and the socket
// connects to the checked address itself (no second lookup, so no DNS-rebinding window). IP literals are checked
// before any connection; redirects are followed by hand, each hop going through the same guard.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector, errors as undiciErrors, request } from "undici";
import { type AllowRule, refusalReason } from "./address-guard.ts";

/** A fetch failure. `permanent` failures are not retried (refused, too large, not HTML, 4xx); the rest are. */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly code: "refused-address" | "timeout" | "too-large" | "not-html" | "http-status" | "too-many-redirects" | "network" | "bad-url",
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface FetchOptions {
  /** Whole fetch, redirects and body included. */
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Private addresses allowed anyway (tests only: FETCH_ALLOW_PRIVATE). */
  allow?: readonly AllowRule[];
  /** Content types accepted (lower case, without parameters). */
  accept?: readonly string[];
  /** Extra request headers (conditional GET). */
  headers?: Record<string, string>;
  /** DNS resolution; tests inject one that answers private addresses for public-looking names. */
  resolve?: Resolver;
  /** Certificate authorities trusted instead of the system's (tests only: a local HTTPS site's own). */
  ca?: string;
  userAgent?: string;
}

export const HTML_TYPES = ["text/html", "application/xhtml+xml"] as const;
export const FEED_TYPES = [
  "application/rss+xml",
  "application/atom+xml",
  "application/xml",
  "text/xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
] as const;

export interface FetchedPage {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, "$1");
const defaultPort = (url: URL) => (url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80);

function guardedAgent(options: FetchOptions): Agent {
  const resolve = options.resolve ?? systemResolver;
  const allow = options.allow ?? [];
  const base = buildConnector({ timeout: options.connectTimeoutMs, ...(options.ca ? { ca: options.ca } : {}) });
  return new Agent({
    connect(opts, callback) {
      const host = stripBrackets(opts.hostname);
      const port = Number(opts.port) || (opts.protocol === "https:" ? 443 : 80);
      const vetted = isIP(host)
        ? Promise.resolve([{ address: host, family: isIP(host) }])
        : resolve(host).catch((err: Error) => {
            throw new FetchError("network", `could not resolve ${host}: ${err.message}`, false);
          });
      vetted
        .then((addresses) => {
          if (addresses.length === 0) throw new FetchError("network", `${host} has no address`, false);
          // Every address must pass: otherwise a name could list a public address beside a private one.
          for (const a of addresses) {
            const reason = refusalReason(a.address, port, allow);
            if (reason) throw new FetchError("refused-address", `refused address: ${host} resolves to ${reason}`, true);
          }
          const address = addresses[0]!.address;
          base(
            {
              ...opts,
              hostname: address,
              // TLS still verifies the certificate against the name asked for.
              servername: opts.servername ?? (isIP(host) ? undefined : host),
            } as Parameters<typeof base>[0],
            callback,
          );
        })
        .catch((err: Error) => callback(err, null));
    },
  });
}

/** Refuses an IP literal (also decimal, hex or short IPv4, which the URL parser turns into dotted form) up front. */
function checkLiteral(url: URL, allow: readonly AllowRule[]): void {
  const host = stripBrackets(url.hostname);
  if (!isIP(host)) return;
  const reason = refusalReason(host, defaultPort(url), allow);
  if (reason) throw new FetchError("refused-address", `refused address: ${reason}`, true);
}

function parseHttpUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError("bad-url", `not a URL: ${raw}`, true);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError("bad-url", `only http and https URLs are fetched, not ${url.protocol}`, true);
  }
  if (url.username || url.password) throw new FetchError("bad-url", "URLs with credentials are not fetched", true);
  url.hash = "";
  return url;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | null => {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
};

/**
 * GETs `rawUrl`, following at most `maxRedirects` redirects, within `timeoutMs` in all. Answers 2xx and 304;
 * throws FetchError otherwise (its message says which limit or check failed).
 */
export async function fetchPage(rawUrl: string, options: FetchOptions): Promise<FetchedPage> {
  const allow = options.allow ?? [];
  const dispatcher = guardedAgent(options);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = parseHttpUrl(rawUrl);
  try {
    for (let hop = 0; ; hop++) {
      checkLiteral(url, allow);
      const res = await request(url, {
        method: "GET",
        dispatcher,
        signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        headers: {
          "user-agent": options.userAgent ?? "FrontlineBot/0.1 (+conflict news monitor)",
          accept: (options.accept ?? HTML_TYPES).join(", "),
          ...options.headers,
        },
      });
      const { statusCode, headers, body } = res;
      if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
        await body.dump().catch(() => {});
        const location = header(headers, "location");
        if (!location) throw new FetchError("http-status", `HTTP ${statusCode} without a Location header`, true);
        if (hop >= options.maxRedirects) {
          throw new FetchError("too-many-redirects", `more than ${options.maxRedirects} redirects (last to ${location})`, true);
        }
        url = parseHttpUrl(location, url.toString());
        continue;
      }
      if (statusCode === 304) {
        await body.dump().catch(() => {});
        return { url: url.toString(), status: 304, contentType: null, headers, body: new Uint8Array() };
      }
      if (statusCode < 200 || statusCode >= 300) {
        await body.dump().catch(() => {});
        // 408, 429 and 5xx may pass; other 4xx will not.
        const transient = statusCode >= 500 || statusCode === 408 || statusCode === 429;
        throw new FetchError("http-status", `HTTP status ${statusCode} from ${url}`, !transient);
      }
      const contentType = header(headers, "content-type");
      const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
      const accepted = options.accept ?? HTML_TYPES;
      if (!accepted.includes(mediaType)) {
        await body.dump().catch(() => {});
        const what = accepted === HTML_TYPES ? "not HTML" : `not one of ${accepted.join(", ")}`;
        throw new FetchError("not-html", `${what}: ${url} is ${mediaType || "of no declared type"}`, true);
      }
      const declared = Number(header(headers, "content-length") ?? Number.NaN);
      if (declared > options.maxBytes) {
        body.destroy();
        throw new FetchError("too-large", `too large: ${url} declares ${declared} bytes (limit ${options.maxBytes})`, true);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > options.maxBytes) {
          body.destroy();
          throw new FetchError("too-large", `too large: ${url} sent more than ${options.maxBytes} bytes`, true);
        }
        chunks.push(chunk as Buffer);
      }
      return { url: url.toString(), status: statusCode, contentType, headers, body: Buffer.concat(chunks, size) };
    }
  } catch (err) {
    throw asFetchError(err, url, options);
  } finally {
    dispatcher.close().catch(() => {});
  }
}

function asFetchError(err: unknown, url: URL, options: FetchOptions): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as Error & { code?: string; cause?: unknown };
  if (e.cause instanceof FetchError) return e.cause;
  if (
    e.name === "TimeoutError" ||
    e.name === "AbortError" ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    const which = err instanceof undiciErrors.ConnectTimeoutError ? `connect timeout (${options.connectTimeoutMs} ms)` : `timeout (${options.timeoutMs} ms)`;
    return new FetchError("timeout", `${which} fetching ${url}`, false);
  }
  return new FetchError("network", `network error fetching ${url}: ${e.message}`, false);
}
