import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "./version.ts";

const packageDir = new URL("../", import.meta.url);

describe("SCHEMA_VERSION", () => {
  it("is the package's version, and the CHANGELOG has an entry for it", () => {
    const pkg = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8")) as { version: string };
    expect(SCHEMA_VERSION).toBe(pkg.version);
    expect(SCHEMA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    const changelog = readFileSync(new URL("CHANGELOG.md", packageDir), "utf8");
    expect(changelog).toContain(`## ${SCHEMA_VERSION}`);
  });
});
