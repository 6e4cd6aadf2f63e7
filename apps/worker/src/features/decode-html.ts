// Bytes of a fetched page to text: the charset declared in the Content-Type header wins, then a byte-order mark,
// then <meta charset> / <meta http-equiv="Content-Type"> in the first 4 KB, else UTF-8. Node's full-ICU
// TextDecoder knows the legacy charsets of Ukrainian and Russian outlets (windows-1251, koi8-r, koi8-u).
import { TextDecoder } from "node:util";

/** The charset label in a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return m?.[1]?.toLowerCase();
}

function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The charset a page declares in its own <meta> tags, read from its first 4 KB as Latin-1. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase();
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // an unknown label is ignored, as browsers do
  }
}

export interface DecodedPage {
  text: string;
  charset: string;
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  const decoder =
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(charsetFromBom(bytes)) ??
    decoderFor(charsetFromMeta(bytes)) ??
    new TextDecoder("utf-8");
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}
