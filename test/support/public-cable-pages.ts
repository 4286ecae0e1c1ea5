/**
 * A protecting cable's own answers (reader, its JSON, plain text, the API with every version and
 * diff), fetched from a public and a local server over the same archive: what the public-mode
 * tests check a protected name or role out of.
 */
import { expect } from "vitest";
import type { RunningServer } from "../../src/server/start.js";

export async function get(server: RunningServer, path: string) {
  const res = await fetch(new URL(path, server.url), { redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

/**
 * Each of the cable's answers: from the public server 200, masked, and holding nothing `leaks`
 * finds; from the local one holding what it finds, so the check can fail.
 */
export async function expectMaskedOnCablePages(
  servers: { pub: RunningServer; local: RunningServer },
  id: string,
  leaks: (body: string) => string[],
): Promise<void> {
  for (const path of [
    `/cables/${id}`,
    `/cables/${id}?format=json`,
    `/cables/${id}/text`,
    `/api/cables/${id}`,
  ]) {
    const pub = await get(servers.pub, path);
    expect(pub.status, path).toBe(200);
    expect(leaks(pub.body), path).toEqual([]);
    expect(pub.body, path).toContain("[withheld]");
    expect(leaks((await get(servers.local, path)).body), path).not.toEqual([]);
  }
}
