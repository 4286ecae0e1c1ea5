import { describe, expect, it } from "vitest";
import { formatProgress } from "./progress.js";

const base = { new: 0, newVersions: 0, unchanged: 0, rejected: 0 };

describe("formatProgress", () => {
  it("draws a bar and an ETA from bytes", () => {
    const line = formatProgress({
      ...base,
      records: 12345,
      bytesDone: 50 * 1024 * 1024,
      bytesTotal: 200 * 1024 * 1024,
      elapsedMs: 10_000,
      rejected: 3,
    });
    expect(line).toBe(
      "[#####...............]  25%  12,345 records  50.0/200.0 MB  1,235/s  ETA 30s  3 rejected",
    );
  });
  it("has no ETA when the size is unknown (stdin)", () => {
    const line = formatProgress({
      ...base,
      records: 10,
      bytesDone: 1024 * 1024,
      bytesTotal: null,
      elapsedMs: 2000,
    });
    expect(line).toBe("10 records  1.0 MB  5/s");
  });
});
