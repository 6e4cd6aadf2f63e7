// HTML to an article: body text by Mozilla's Readability over a linkedom DOM; title, byline, publish date,
// canonical URL and language from the page's JSON-LD (NewsArticle and kin), its meta tags, then Readability's guess.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

type Document = ReturnType<typeof parseHTML>["document"];

export class NoArticleText extends Error {
  override name = "NoArticleText";
}

export interface ExtractedArticle {
  text: string;
  title: string | null;
  byline: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  canonicalUrl: string | null;
  language: string | null;
  siteName: string | null;
}

/** Fewer characters than this after extraction is not an article (a paywall stub, an index page, an error page). */
export const MIN_ARTICLE_CHARS = 80;

type JsonLdNode = Record<string, unknown>;
const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|LiveBlogPosting)$/;

function jsonLdArticles(document: Document): JsonLdNode[] {
  const found: JsonLdNode[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as JsonLdNode;
    const types = ([] as unknown[]).concat(n["@type"] ?? []);
    if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) found.push(n);
    if (n["@graph"]) visit(n["@graph"]);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ""));
    } catch {
      // malformed JSON-LD is common; the meta tags still apply
    }
  }
  // Prefer the most specific: a NewsArticle over the WebPage that contains it.
  return found.sort((a, b) => Number(String(b["@type"]).includes("Article")) - Number(String(a["@type"]).includes("Article")));
}

const str = (v: unknown): string | null => {
  if (typeof v === "string" && v.trim()) return v.trim();
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === "object" && "name" in v) return str((v as { name: unknown }).name);
  return null;
};

function meta(document: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = el?.getAttribute("content")?.trim();
    if (v) return v;
  }
  return null;
}

/** YYYY-MM-DD of an ISO date or date-time, or null. Keeps the page's own calendar date (no time-zone shift). */
function isoDay(v: string | null): string | null {
  const m = v ? /^(\d{4}-\d{2}-\d{2})/.exec(v.trim()) : null;
  if (!m) return null;
  return Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)) ? null : m[1]!;
}

function absoluteUrl(v: string | null, base: string | undefined): string | null {
  if (!v) return null;
  try {
    const u = new URL(v, base);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.hash = "";
    return u.toString();
  } catch {
    return null;
  }
}

/** Paragraph breaks kept, runs of spaces folded: the text evidence offsets will index into. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function blockText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, div, br, tr")) {
    if (el.tagName === "BR") el.replaceWith(document.createTextNode("\n"));
    else el.append(document.createTextNode("\n\n"));
  }
  return cleanText(document.body.textContent ?? "");
}

/** `pageUrl` (where the page came from) resolves relative links; without it only absolute ones count. */
export function extractArticle(html: string, pageUrl?: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const ld = jsonLdArticles(document);
  const fromLd = (key: string) => {
    for (const node of ld) {
      const v = str(node[key]);
      if (v) return v;
    }
    return null;
  };
  const doc = document;
  const canonical =
    absoluteUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null, pageUrl) ??
    absoluteUrl(meta(doc, "og:url"), pageUrl) ??
    absoluteUrl(fromLd("url") ?? str((ld[0]?.mainEntityOfPage as JsonLdNode | undefined)?.["@id"]), pageUrl);
  const headTitle = fromLd("headline") ?? meta(doc, "og:title", "twitter:title");
  const published = isoDay(
    fromLd("datePublished") ?? meta(doc, "article:published_time", "datePublished", "pubdate", "date", "dc.date") ??
      doc.querySelector("time[datetime]")?.getAttribute("datetime") ?? null,
  );
  const author = fromLd("author") ?? meta(doc, "author", "article:author");
  const lang = doc.documentElement?.getAttribute("lang")?.toLowerCase().split(/[-_]/)[0] ?? null;
  const siteName = meta(doc, "og:site_name") ?? str((ld[0]?.publisher as JsonLdNode | undefined)?.name);

  // Readability changes the DOM it reads, so it runs after the metadata has been taken.
  const parsed = new Readability(doc as never, { charThreshold: 200 }).parse();
  let text = parsed?.content ? blockText(parsed.content) : "";
  if (text.length < MIN_ARTICLE_CHARS) {
    const body = fromLd("articleBody");
    if (body) text = cleanText(body);
  }
  if (text.length < MIN_ARTICLE_CHARS) {
    throw new NoArticleText(`no article text found on ${pageUrl ?? "the page"} (${text.length} characters after extraction)`);
  }
  return {
    text,
    title: headTitle ?? parsed?.title?.trim() ?? null,
    byline: author ?? parsed?.byline?.trim() ?? null,
    publishedAt: published ?? isoDay(parsed?.publishedTime ?? null),
    canonicalUrl: canonical,
    language: lang && /^[a-z]{2,3}$/.test(lang) ? lang : null,
    siteName: siteName ?? parsed?.siteName ?? null,
  };
}
