import { describe, expect, it } from "vitest";
import { loadConfig, trustedOrigins } from "./config.ts";

describe("configuration", () => {
  it("reads the contract's settings with their defaults", () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ port: 8080, publicUrl: "http://localhost:8080", smtpUrl: undefined });
    expect(config.database.kind).toBe("pglite");
    expect(loadConfig({}, { DATABASE_URL: "postgres://x@db/embark" }).database).toEqual({
      kind: "postgres",
      url: "postgres://x@db/embark",
    });
    expect(loadConfig({ port: 9000 }, { EMBARK_PUBLIC_URL: "https://cs.example.com/" }).publicUrl).toBe(
      "https://cs.example.com",
    );
    expect(() => loadConfig({}, { PORT: "eighty" })).toThrow(/PORT/);
  });
  it("trusts the local addresses of a localhost installation, and only the public URL otherwise", () => {
    expect(trustedOrigins({ publicUrl: "http://localhost:8080" })).toEqual([
      "http://localhost:8080",
      "http://127.0.0.1:8080",
      "http://[::1]:8080",
    ]);
    expect(trustedOrigins({ publicUrl: "https://cs.example.com" })).toEqual(["https://cs.example.com"]);
  });
});
