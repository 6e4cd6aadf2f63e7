// Reads a request body up to a byte limit, so an oversized or lying upload is refused without buffering it.

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too-large" };

/** True when the Content-Length header alone shows the body is over the limit. */
export function declaredTooLarge(contentLength: string | null, limit: number): boolean {
  if (contentLength === null) return false;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit;
}

/** Reads the stream to the end, or stops (and cancels it) as soon as more than `limit` bytes arrived. */
export async function readBodyWithLimit(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyRead> {
  if (body === null) return { ok: true, bytes: new Uint8Array() };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
