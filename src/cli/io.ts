import { createInterface } from "node:readline";
import { archiveError } from "../store/archive-error.js";

/** Lines of stdin, without their line ends; streaming, whatever the input size. */
export async function* stdinLines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) yield line;
}

/** Buffered stdout writer honouring back-pressure, so piping to `head` or a file stays cheap. */
export class Output {
  private chunks: string[] = [];
  private size = 0;

  async write(s: string): Promise<void> {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const data = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    if (!process.stdout.write(data)) {
      await new Promise<void>((resolve) => process.stdout.once("drain", resolve));
    }
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The message for an error met while using the archive at `path`: a failure of the archive itself
 * (damaged, full disk, not an archive, a folder) names the archive and what to do; anything else
 * keeps its own message.
 */
export function archiveFailureMessage(err: unknown, path: string): string {
  return archiveError(err, path)?.message ?? errorMessage(err);
}

/**
 * Runs `work` on what `open` opens (an archive), closing it after, and answers work's exit code; a
 * failure to open is reported on stderr as `cablegram COMMAND: why`, exit code 1.
 */
export async function withOpened<T extends { close(): unknown }>(
  command: string,
  open: () => T | Promise<T>,
  work: (opened: T) => Promise<number>,
): Promise<number> {
  let opened: T;
  try {
    opened = await open();
  } catch (err) {
    process.stderr.write(`cablegram ${command}: ${errorMessage(err)}\n`);
    return 1;
  }
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}
