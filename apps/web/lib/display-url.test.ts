import { describe, expect, it } from "vitest";
import { redactUrl } from "./display-url.ts";

describe("redactUrl", () => {
  it("hides a user and password", () => {
    expect(redactUrl("http://user:pw@127.0.0.1/")).toBe("http://***@127.0.0.1/");
    expect(redactUrl("https://token@example.com:8443/a?b=c")).toBe("https://***@example.com:8443/a?b=c");
  });

  it("hides all of a userinfo that itself contains @", () => {
    expect(redactUrl("http://me@corp:p@ss@example.com/x")).toBe("http://***@example.com/x");
  });

  it("leaves URLs without credentials as they are, including an @ after the host", () => {
    for (const url of [
      "https://example.com/news/1",
      "https://example.com/@someone/post",
      "https://example.com/?mail=a@b.c",
      "https://example.com/#a@b",
      "not a url",
    ])
      expect(redactUrl(url)).toBe(url);
  });
});
