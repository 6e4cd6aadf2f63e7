// Opaque page cursors for GET /api/events: the offset of the next page, base64url-encoded and versioned so a
// later keyset cursor can be told apart. Anything else is refused (400), never guessed at.

const PREFIX = "o1:";

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, "utf8").toString("base64url");
}

/** The offset a cursor stands for, or null when the cursor is not one encodeCursor made. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^o1:(\d{1,9})$/.exec(text);
  return match ? Number(match[1]) : null;
}
