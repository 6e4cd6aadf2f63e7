// HTTPS through the SSRF guard: the socket connects to the vetted address, and TLS still verifies the certificate
// against the name that was asked for. A local HTTPS site with a certificate made for the test (openssl).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowList } from "./address-guard.ts";
import { FetchError, type FetchOptions, fetchPage } from "./fetch-page.ts";

/** A self-signed certificate for `name` (it is its own CA). */
function certificateFor(name: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "frontline-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${name}`,
        "-addext",
        `subjectAltName=DNS:${name}`,
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PAGE =
  "<html><head><title>Secure report</title></head><body><article><p>Shelling was reported in Kherson.</p></article></body></html>";
let server: Server;
let port: number;
let tls: { key: string; cert: string };
let options: FetchOptions;

beforeAll(async () => {
  tls = certificateFor("news.example");
  server = createServer(tls, (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  options = {
    timeoutMs: 3_000,
    connectTimeoutMs: 2_000,
    maxBytes: 1_000_000,
    maxRedirects: 2,
    allow: parseAllowList(`127.0.0.1:${port}`),
    // The names resolve to the local site, as a public name would to its server.
    resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    ca: tls.cert,
  };
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe("fetchPage over HTTPS", () => {
  it("fetches through the guard, verifying the certificate for the name asked for", async () => {
    const page = await fetchPage(`https://news.example:${port}/story`, options);
    expect(page.status).toBe(200);
    expect(new TextDecoder().decode(page.body)).toBe(PAGE);
  });

  it("refuses a certificate made for another name, though the address is the same", async () => {
    const err = await fetchPage(`https://other.example:${port}/story`, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/other\.example|altnames|certificate/i);
  });

  it("refuses a certificate no trusted authority signed", async () => {
    const { ca: _trusted, ...system } = options;
    const err = await fetchPage(`https://news.example:${port}/story`, system).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toMatch(/certificate/i);
  });
});
