// The URL fetcher against a local test site: limits, charsets, extraction, and the SSRF guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowList, refusalReason } from "./address-guard.ts";
import { decodeHtml } from "./decode-html.ts";
import { extractArticle } from "./extract-article.ts";
import { FetchError, type FetchOptions, fetchPage, type Resolver } from "./fetch-page.ts";
import { startTestSite, type TestSite } from "./test-site.ts";

let site: TestSite;
let options: FetchOptions;

beforeAll(async () => {
  site = await startTestSite();
  options = {
    timeoutMs: 1_500,
    connectTimeoutMs: 1_000,
    maxBytes: 2_000_000,
    maxRedirects: 3,
    // The explicit test allow-list: this server's port on 127.0.0.1, nothing else.
    allow: parseAllowList(`127.0.0.1:${site.port}`),
  };
});
afterAll(async () => {
  await site?.close();
});

async function failure(url: string, opts: Partial<FetchOptions> = {}): Promise<FetchError> {
  const err = await fetchPage(url, { ...options, ...opts }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe("fetchPage and extractArticle", () => {
  it("fetches a realistic page and extracts body, title, byline, date, canonical URL and language", async () => {
    const page = await fetchPage(`${site.origin}/news/kharkiv-drones`, options);
    const article = extractArticle(decodeHtml(page.body, page.contentType).text, page.url);
    expect(article.text).toContain("Russian forces launched drones at Kharkiv overnight");
    expect(article.text).not.toMatch(/Most read|All rights reserved|Celebrity/);
    expect(article).toMatchObject({
      title: "Drones hit Kharkiv substation",
      byline: "Olena Test",
      publishedAt: "2025-05-06",
      canonicalUrl: `${site.origin}/news/kharkiv-drones`,
      language: "en",
      siteName: "Test Wire",
    });
  });

  it("follows redirects up to the limit, and refuses past it", async () => {
    const page = await fetchPage(`${site.origin}/redirect/1`, options);
    expect(page.url).toBe(`${site.origin}/news/kharkiv-drones`);
    const err = await failure(`${site.origin}/redirect/loop`);
    expect(err.code).toBe("too-many-redirects");
    expect(err.message).toMatch(/more than 3 redirects/);
  });

  it("decodes windows-1251 declared in the header and koi8-r declared only in a meta tag", async () => {
    const uk = await fetchPage(`${site.origin}/cp1251-header`, options);
    const ukText = extractArticle(decodeHtml(uk.body, uk.contentType).text, uk.url);
    expect(ukText.text).toContain("Російські війська вночі атакували Дніпропетровщину");
    expect(ukText.language).toBe("uk");
    const ru = await fetchPage(`${site.origin}/koi8r-meta`, options);
    const decoded = decodeHtml(ru.body, ru.contentType);
    expect(decoded.charset).toBe("koi8-r");
    expect(extractArticle(decoded.text, ru.url).text).toContain("Министерство обороны России заявило о перехвате");
  });

  it("lets a charset in the header win over the page (as browsers do)", async () => {
    const page = await fetchPage(`${site.origin}/wrong-charset`, options);
    const decoded = decodeHtml(page.body, page.contentType);
    expect(decoded.charset).toBe("windows-1252"); // the WHATWG name of iso-8859-1
    expect(decoded.text).toContain("CafÃ©"); // mojibake, faithfully: the header was wrong
  });

  it("gives each failure its own error: too large, timeout, not HTML, HTTP status, no article text", async () => {
    expect((await failure(`${site.origin}/huge`)).code).toBe("too-large");
    expect((await failure(`${site.origin}/huge-declared`)).message).toMatch(/too large: .* declares 104857600 bytes/);
    const slow = await failure(`${site.origin}/slow`);
    expect(slow).toMatchObject({ code: "timeout", permanent: false });
    const pdf = await failure(`${site.origin}/pdf`);
    expect(pdf).toMatchObject({ code: "not-html", permanent: true });
    expect(pdf.message).toMatch(/not HTML: .* is application\/pdf/);
    expect(await failure(`${site.origin}/gone`)).toMatchObject({ code: "http-status", permanent: true, message: expect.stringMatching(/HTTP status 404/) });
    expect(await failure(`${site.origin}/broken`)).toMatchObject({ code: "http-status", permanent: false });
    const empty = await fetchPage(`${site.origin}/empty`, options);
    expect(() => extractArticle(decodeHtml(empty.body, empty.contentType).text, empty.url)).toThrow(/no article text found/);
  });
});

describe("SSRF guard", () => {
  it("refuses a redirect to another port of 127.0.0.1 and to the cloud metadata address, after the redirect", async () => {
    const loopback = await failure(`${site.origin}/redirect/to-loopback`);
    expect(loopback).toMatchObject({ code: "refused-address", permanent: true });
    expect(loopback.message).toMatch(/refused address: 127\.0\.0\.1 is a loopback address/);
    expect((await failure(`${site.origin}/redirect/to-metadata`)).message).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
    expect(site.requests.map((r) => r.path)).not.toContain("/admin");
  });

  it("refuses IP literals: dotted, decimal, hex, IPv6 loopback, IPv4-mapped IPv6, private, CGNAT", async () => {
    const refused = [
      "http://127.0.0.1/",
      "http://2130706433/", // decimal 127.0.0.1
      "http://0x7f.1/", // hex and short form
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://10.0.0.8/",
      "http://192.168.1.1/",
      "http://100.64.0.1/",
      "http://[fd00::1]/",
      "http://0.0.0.0/",
    ];
    for (const url of refused) {
      const err = await failure(url);
      expect(err.code, url).toBe("refused-address");
    }
  });

  it("refuses names that resolve to private addresses, checking the resolved IP (every one of them)", async () => {
    const resolve: Resolver = async (host) =>
      ({
        "intranet.example.com": [{ address: "10.1.2.3", family: 4 }],
        "metadata.example.com": [{ address: "169.254.169.254", family: 4 }],
        "mixed.example.com": [
          { address: "93.184.215.14", family: 4 },
          { address: "127.0.0.1", family: 4 },
        ],
        "v6.example.com": [{ address: "::1", family: 6 }],
      })[host] ?? [];
    for (const host of ["intranet.example.com", "metadata.example.com", "mixed.example.com", "v6.example.com"]) {
      const err = await failure(`http://${host}/`, { resolve });
      expect(err.code, host).toBe("refused-address");
      expect(err.message).toContain(host);
    }
    // localhost through the system resolver, on a port the allow-list does not name
    expect((await failure("http://localhost:9/")).code).toBe("refused-address");
  });

  it("connects to the address it checked, not to a second lookup (names resolved once, by the guard)", async () => {
    let lookups = 0;
    const resolve: Resolver = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const page = await fetchPage(`http://news.example.test:${site.port}/news/kharkiv-drones`, { ...options, resolve });
    expect(page.status).toBe(200);
    expect(lookups).toBe(1);
  });

  it("classifies addresses", () => {
    expect(refusalReason("8.8.8.8", 80)).toBeNull();
    expect(refusalReason("2606:4700:4700::1111", 443)).toBeNull();
    expect(refusalReason("100.100.100.200", 80)).toMatch(/metadata/);
    expect(refusalReason("fe80::1", 80)).toMatch(/linkLocal/);
    expect(refusalReason("127.0.0.1", 8080, parseAllowList("127.0.0.1:8080"))).toBeNull();
    expect(refusalReason("127.0.0.1", 8081, parseAllowList("127.0.0.1:8080"))).toMatch(/loopback/);
    expect(refusalReason("10.9.9.9", 1, parseAllowList("10.0.0.0/8"))).toBeNull();
    expect(() => parseAllowList("not-an-ip")).toThrow(/invalid allow-list entry/);
  });
});
