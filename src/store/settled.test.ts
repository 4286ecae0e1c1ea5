import { describe, expect, it } from "vitest";
import { whenSettled } from "./settled.js";

describe("whenSettled", () => {
  it("calls done once after a return, a throw, a resolved or a rejected promise", async () => {
    const calls: string[] = [];
    expect(
      whenSettled(
        () => 1,
        () => calls.push("sync"),
      ),
    ).toBe(1);
    expect(() =>
      whenSettled(
        () => {
          throw new Error("boom");
        },
        () => calls.push("threw"),
      ),
    ).toThrow("boom");
    const later = whenSettled(
      () => new Promise((r) => setTimeout(() => r(2), 5)),
      () => calls.push("resolved"),
    );
    // Not before the promise settles.
    expect(calls).toEqual(["sync", "threw"]);
    await expect(later).resolves.toBe(2);
    await expect(
      whenSettled(
        () => Promise.reject(new Error("late")),
        () => calls.push("rejected"),
      ),
    ).rejects.toThrow("late");
    expect(calls).toEqual(["sync", "threw", "resolved", "rejected"]);
  });
});
