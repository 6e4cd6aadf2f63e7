// The bulk import's readers: JSON Lines, CSV and folders, one record at a time, with each record's place in the input.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InputRecord, inputKind, inputSize, readRecords } from "./read-records.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "frontline-read-records-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string): Promise<{ records: InputRecord[]; progress: number[] }> {
  const kind = await inputKind(path);
  const progress: number[] = [];
  const records: InputRecord[] = [];
  for await (const r of readRecords(path, kind, (done) => progress.push(done))) records.push(r);
  return { records, progress };
}

describe("readRecords", () => {
  it("reads JSON Lines, skipping blank lines and naming the line of one that is not JSON", async () => {
    const file = join(dir, "a.jsonl");
    await writeFile(file, `{"text":"one"}\n\n{broken\r\n{"url":"https://example.org/x"}\n`);
    const { records, progress } = await readAll(file);
    expect(records).toEqual([
      { where: "line 1", value: { text: "one" } },
      { where: "line 3", value: undefined, error: expect.stringMatching(/^not JSON/) },
      { where: "line 4", value: { url: "https://example.org/x" } },
    ]);
    expect(progress.at(-1)).toBe(await inputSize(file, "jsonl"));
  });

  it("reads CSV with a header, quoted commas and line breaks, empty cells as absent fields, and extra columns kept", async () => {
    const file = join(dir, "b.csv");
    await writeFile(
      file,
      '\uFEFFtext,source,publishedAt,colour\n"Shelling hit Kharkiv, officials said.\nA second paragraph.",Wire,,red\n' +
        "Drones struck Sumy.,,2025-03-01,\n",
    );
    const { records } = await readAll(file);
    expect(records).toEqual([
      {
        where: "line 3",
        value: { text: "Shelling hit Kharkiv, officials said.\nA second paragraph.", source: "Wire", colour: "red" },
      },
      { where: "line 4", value: { text: "Drones struck Sumy.", publishedAt: "2025-03-01", colour: "" } },
    ]);
  });

  it("reports a malformed CSV record in its place and keeps the records read before it", async () => {
    const file = join(dir, "bad.csv");
    await writeFile(file, 'text,source\n"multi\nline text about Odesa shelling",ML Wire\n"unterminated quote,ML Wire\n');
    expect((await readAll(file)).records).toEqual([
      { where: "line 3", value: { text: "multi\nline text about Odesa shelling", source: "ML Wire" } },
      { where: "line 4", value: undefined, error: "unterminated quote: the file ends inside a quoted field" },
    ]);
    // Mid-file, the bad record is skipped and reading goes on.
    const mid = join(dir, "mid.csv");
    await writeFile(mid, "text,source\nOne.,A\nx\"y,B\nTwo.,C\n");
    expect((await readAll(mid)).records).toEqual([
      { where: "line 2", value: { text: "One.", source: "A" } },
      { where: "line 3", value: undefined, error: expect.stringMatching(/^Invalid Opening Quote: .* at line 3/) },
      { where: "line 4", value: { text: "Two.", source: "C" } },
    ]);
  });

  it("reads a folder's .txt files as text and .html files as HTML, in name order, ignoring other files", async () => {
    const folder = join(dir, "folder");
    await mkdir(join(folder, "nested"), { recursive: true });
    await writeFile(join(folder, "b.html"), "<html><body><p>Page</p></body></html>");
    await writeFile(join(folder, "a.txt"), "Plain report.");
    await writeFile(join(folder, "notes.md"), "# not an article");
    await writeFile(join(folder, "nested", "c.txt"), "Not read: folders are not walked.");
    expect(await inputKind(folder)).toBe("folder");
    expect(await inputSize(folder, "folder")).toBe(2);
    const { records, progress } = await readAll(folder);
    expect(records).toEqual([
      { where: join(folder, "a.txt"), value: { text: "Plain report." } },
      { where: join(folder, "b.html"), value: { html: "<html><body><p>Page</p></body></html>" } },
    ]);
    expect(progress).toEqual([1, 2]);
  });

  it("refuses a file whose format it cannot tell", async () => {
    const file = join(dir, "c.xml");
    await writeFile(file, "<x/>");
    await expect(inputKind(file)).rejects.toThrow(/cannot tell the format .*\.jsonl, \.csv or a folder/);
  });
});
