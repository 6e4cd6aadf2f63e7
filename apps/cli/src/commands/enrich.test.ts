// The `frontline enrich` contract, run the way other tools run it: `pnpm --silent frontline enrich` from the root.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EnrichedArticle } from "@frontline/model";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

function runCli(stdin: string | Buffer) {
  const result = spawnSync("pnpm", ["--silent", "frontline", "enrich"], {
    cwd: repoRoot,
    input: stdin,
    encoding: "utf8",
    // Prove it needs no services: point both at ports nothing listens on.
    env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", REDIS_URL: "redis://127.0.0.1:1" },
  });
  return { ...result, lines: result.stdout.split("\n").filter((l) => l !== "") };
}

describe("pnpm frontline enrich", () => {
  it("writes exactly one EnrichedArticle line per input line, in order, and nothing else", () => {
    const input = [
      { id: "a", text: "Russian troops shelled Kherson on Monday, the regional administration said.", publishedAt: "2025-02-04" },
      { id: "b", text: "A drone attack on Belgorod injured two civilians, the governor said." },
      { id: "c", text: "The weather in Lisbon was sunny.", title: "Nothing to see", source: "Test Desk" },
    ];
    const { status, lines, stderr } = runCli(input.map((l) => JSON.stringify(l)).join("\n"));
    expect(status, stderr).toBe(0);
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => EnrichedArticle.parse(JSON.parse(l)));
    expect(parsed.map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect(parsed[0]!.regions.map((r) => r.code)).toContain("UA-65");
    expect(parsed[1]!.regions.map((r) => r.code)).toContain("RU-BEL");
    expect(parsed[2]!.events).toEqual([]);
  });

  it("answers a malformed line with {id, error} and carries on", () => {
    const input = [
      JSON.stringify({ id: "ok-1", text: "Ukrainian forces struck a bridge in Kursk region." }),
      "{not json",
      JSON.stringify({ id: "no-text" }),
      JSON.stringify({ id: "bad-date", text: "x", publishedAt: "yesterday" }),
      "",
      JSON.stringify({ id: "ok-2", text: "Air defence shot down drones over Odesa." }),
    ].join("\n");
    const { status, lines } = runCli(input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(6);
    const out = lines.map((l) => JSON.parse(l));
    expect(EnrichedArticle.parse(out[0]).id).toBe("ok-1");
    expect(out[1]).toMatchObject({ id: null, error: expect.stringMatching(/line 2: not valid JSON/) });
    expect(out[2]).toMatchObject({ id: "no-text", error: expect.stringMatching(/text/) });
    expect(out[3]).toMatchObject({ id: "bad-date", error: expect.stringMatching(/publishedAt/) });
    expect(out[4]).toMatchObject({ id: null, error: expect.stringMatching(/line 5: empty line/) });
    expect(EnrichedArticle.parse(out[5]).id).toBe("ok-2");
  });

  it("survives invalid UTF-8, binary bytes and a 5 MB line, one answer per line", () => {
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"id":"bad-bytes","text":"Shelling hit Sumy '),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(' yesterday."}'),
    ]);
    const binary = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 131) % 256).filter((b) => b !== 10));
    const bigText = "Russian forces shelled Kherson on Monday. ".repeat(Math.ceil(5_000_000 / 42));
    const input = Buffer.concat([
      invalidUtf8,
      Buffer.from("\n"),
      binary,
      Buffer.from("\n"),
      Buffer.from(JSON.stringify({ id: "huge", text: bigText, publishedAt: "2025-02-04" })),
      Buffer.from("\n"),
    ]);
    const { status, lines } = runCli(input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(3);
    const [first, second, third] = lines.map((l) => JSON.parse(l));
    // Invalid bytes decode to U+FFFD: the article is still enriched, not rejected.
    expect(EnrichedArticle.parse(first).regions.map((r) => r.code)).toContain("UA-59");
    expect(second).toMatchObject({ id: null, error: expect.stringMatching(/line 2/) });
    expect(EnrichedArticle.parse(third).regions.map((r) => r.code)).toContain("UA-65");
  });
});
