// Tests only: a local HTTP server on 127.0.0.1 serving realistic news pages, redirects (one to a different port of
// 127.0.0.1, which the SSRF guard must refuse), a huge body, a slow response, wrong and legacy charsets, and a feed
// with ETag / Last-Modified. Started by tests, on a free port.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const KHARKIV_ARTICLE = [
  "Russian forces launched drones at Kharkiv overnight, damaging a power substation and cutting electricity to",
  "thousands of homes, the regional governor said on Tuesday. Air defence units shot down most of the drones over the",
  "city, but debris fell on a residential district and started a fire that emergency crews put out by morning.",
].join(" ");

/** Its own text (not another page's: stored without its NULs, it would be a duplicate of that page). */
const NUL_ARTICLE =
  "Drones struck a\u0000 substation in Kharkiv overnight, the regional governor said. Repair crews restored power to most homes by noon.";

const CYRILLIC_UK =
  "Російські війська вночі атакували Дніпропетровщину дронами, пошкоджено енергетичну інфраструктуру в Павлограді, повідомив голова обласної військової адміністрації. Постраждалих немає, тривають ремонтні роботи.";
const CYRILLIC_RU =
  "Министерство обороны России заявило о перехвате беспилотников над Белгородской и Курской областями этой ночью. По данным ведомства, пострадавших нет, обломки упали на окраине села.";

export function newsPage({ title, body, lang = "en", charsetMeta, canonical, extraHead = "" }: {
  title: string;
  body: string;
  lang?: string;
  charsetMeta?: string;
  canonical?: string;
  extraHead?: string;
}): string {
  const ld = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: title,
    datePublished: "2025-05-06T08:30:00+03:00",
    author: [{ "@type": "Person", name: "Olena Test" }],
    publisher: { "@type": "Organization", name: "Test Wire" },
  };
  return `<!doctype html><html lang="${lang}"><head>${charsetMeta ? `<meta charset="${charsetMeta}">` : ""}
<title>${title} | Test Wire</title>
${canonical ? `<link rel="canonical" href="${canonical}">` : ""}
<meta property="og:title" content="${title}">
<script type="application/ld+json">${JSON.stringify(ld)}</script>${extraHead}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Olena Test</p>
${body
  .split(/(?<=\.) /)
  .map((s) => `<p>${s}</p>`)
  .join("\n")}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity news</a></li><li><a href="/b">Weather</a></li></ul></aside>
<footer>© Test Wire. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>`;
}

export interface TestSite {
  origin: string;
  port: number;
  /** Requests seen, by path, with their conditional headers. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close(): Promise<void>;
}

export async function startTestSite(): Promise<TestSite> {
  const requests: TestSite["requests"] = [];
  let origin = "";
  const feedEtag = '"feed-v1"';
  const feedModified = "Tue, 06 May 2025 08:00:00 GMT";
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({
      path,
      ...(req.headers["if-none-match"] ? { ifNoneMatch: String(req.headers["if-none-match"]) } : {}),
      ...(req.headers["if-modified-since"] ? { ifModifiedSince: String(req.headers["if-modified-since"]) } : {}),
    });
    const html = (status: number, body: string | Buffer, type = "text/html; charset=utf-8") => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    switch (path.split("?")[0]) {
      case "/news/kharkiv-drones":
        return html(200, newsPage({ title: "Drones hit Kharkiv substation", body: KHARKIV_ARTICLE, canonical: `${origin}/news/kharkiv-drones` }));
      case "/amp/kharkiv-drones": // the same article under another URL, declaring the same canonical URL
        return html(200, newsPage({ title: "Drones hit Kharkiv substation (AMP)", body: KHARKIV_ARTICLE, canonical: `${origin}/news/kharkiv-drones` }));
      case "/nul": // NUL characters in the title (JSON-LD too) and the text: Postgres cannot store them
        return html(200, newsPage({ title: "Drones hit\u0000 Kharkiv substation", body: NUL_ARTICLE }));
      case "/redirect/1":
        res.writeHead(301, { location: "/redirect/2" });
        return res.end();
      case "/redirect/2":
        res.writeHead(302, { location: "/news/kharkiv-drones" });
        return res.end();
      case "/redirect/loop":
        res.writeHead(302, { location: "/redirect/loop" });
        return res.end();
      case "/redirect/to-loopback": // same host, another port: the allow-list names only this server's port
        res.writeHead(302, { location: "http://127.0.0.1:9/admin" });
        return res.end();
      case "/redirect/to-metadata":
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        return res.end();
      case "/huge": {
        res.writeHead(200, { "content-type": "text/html" }); // no content-length: counted as it streams
        const chunk = Buffer.alloc(64 * 1024, "a");
        let sent = 0;
        const write = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", write);
          }
          res.end();
        };
        res.on("close", () => (sent = Number.POSITIVE_INFINITY));
        return write();
      }
      case "/huge-declared":
        res.writeHead(200, { "content-type": "text/html", "content-length": String(100 * 1024 * 1024) });
        return res.end("<html>");
      case "/slow": {
        const timer = setTimeout(() => html(200, newsPage({ title: "Late", body: KHARKIV_ARTICLE })), 5_000);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "/pdf":
        return html(200, Buffer.from("%PDF-1.4"), "application/pdf");
      case "/gone":
        return html(404, "<h1>Not found</h1>");
      case "/broken":
        return html(503, "<h1>Try later</h1>");
      case "/empty":
        return html(200, "<!doctype html><html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>");
      case "/cp1251-header":
        return html(200, Buffer.from(new TextEncoderLegacy("windows-1251").encode(newsPage({ title: "Дніпропетровщина", body: CYRILLIC_UK, lang: "uk" }))), "text/html; charset=windows-1251");
      case "/koi8r-meta": // declared only in the page's meta tag
        return html(200, Buffer.from(new TextEncoderLegacy("koi8-r").encode(newsPage({ title: "Белгород", body: CYRILLIC_RU, lang: "ru", charsetMeta: "koi8-r" }))), "text/html");
      case "/wrong-charset": // header says ISO-8859-1 on a UTF-8 page: the header wins, as in browsers
        return html(200, newsPage({ title: "Kharkiv", body: `${KHARKIV_ARTICLE} Café.` }), "text/html; charset=iso-8859-1");
      case "/feed.xml": {
        if (req.headers["if-none-match"] === feedEtag) {
          res.writeHead(304, { etag: feedEtag });
          return res.end();
        }
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: feedEtag, "last-modified": feedModified });
        return res.end(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>${origin}/</link><description>News</description>
<item><title>Drones hit Kharkiv substation</title><link>${origin}/news/kharkiv-drones</link><guid>kharkiv-1</guid><pubDate>Tue, 06 May 2025 08:30:00 GMT</pubDate></item>
<item><title>Same story, AMP</title><link>${origin}/amp/kharkiv-drones</link><guid>kharkiv-amp</guid></item>
<item><title>Ukrainian</title><link>${origin}/cp1251-header</link><guid>uk-1</guid></item>
</channel></rss>`);
      }
      case "/not-a-feed":
        return html(200, "<rss><channel>", "application/rss+xml");
      default:
        return html(404, "not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Encodes text in a legacy single-byte charset (Node has decoders for them, but no encoders). */
class TextEncoderLegacy {
  private readonly table = new Map<string, number>();
  constructor(label: string) {
    const decoder = new TextDecoder(label);
    for (let b = 0; b < 256; b++) this.table.set(decoder.decode(Uint8Array.of(b)), b);
  }
  encode(text: string): Uint8Array {
    return Uint8Array.from([...text].map((c) => this.table.get(c) ?? 0x3f));
  }
}
