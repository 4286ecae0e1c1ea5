import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { takeTurns } from "./turns.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("takeTurns", () => {
  it("lets callers go in arrival order, one per turn of the event loop", async () => {
    const turn = takeTurns();
    const started: number[] = [];
    const all = [0, 1, 2, 3].map((i) => turn().then(() => started.push(i)));
    await nextTurn();
    expect(started).toEqual([0]);
    await nextTurn();
    expect(started).toEqual([0, 1]);
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it("accepts a connection between two callers that block the loop", async () => {
    const server = createServer();
    const events: string[] = [];
    server.on("connection", (s) => {
      events.push("accepted");
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const turn = takeTurns();
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const client = connect(port, "127.0.0.1");
    client.on("error", () => {});
    // The connection is made while the first caller blocks; without turns all three would run in
    // one go and the accept would come after the last.
    const jobs = [0, 1, 2].map((i) =>
      turn().then(() => {
        busy(30);
        events.push(`job ${i}`);
      }),
    );
    await Promise.all(jobs);
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
    client.destroy();
    server.close();
    expect(events.indexOf("accepted")).toBeGreaterThan(-1);
    expect(events.indexOf("accepted")).toBeLessThan(events.indexOf("job 2"));
  });
});
