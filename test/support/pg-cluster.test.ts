import { afterEach, describe, expect, it, vi } from "vitest";
import { postgresAvailable } from "./pg-cluster.js";

/** Tests that need PostgreSQL skip with a message on a machine without it, and fail in CI. */
describe("postgresAvailable", () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.restoreAllMocks();
  });

  it("fails in CI when PostgreSQL is missing", () => {
    process.env.CI = "true";
    expect(() => postgresAvailable("the x tests", () => null)).toThrow(
      /the x tests needs PostgreSQL/,
    );
  });

  it("skips elsewhere, saying why", () => {
    delete process.env.CI;
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(postgresAvailable("the x tests", () => null)).toBe(false);
    expect(String(write.mock.calls[0]?.[0])).toMatch(
      /skipping the x tests: PostgreSQL is not installed/,
    );
  });

  it("runs when it is installed", () => {
    expect(postgresAvailable("the x tests", () => "/usr/lib/postgresql/15/bin")).toBe(true);
  });
});
