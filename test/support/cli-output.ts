import { vi } from "vitest";

/** What a command run in-process wrote, and its exit code. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams in the order written: progress (stderr) and report (stdout) read as a user sees them. */
  out: string;
}

/**
 * Runs a command's `main` in this process with stdout and stderr captured instead of printed,
 * restoring both after, even when it throws.
 */
export async function runCommand(run: () => Promise<number>): Promise<CommandRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const all: string[] = [];
  const keep = (into: string[]) => (chunk: unknown) => {
    into.push(String(chunk));
    all.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(keep(stdout));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(keep(stderr));
  try {
    const code = await run();
    return { code, stdout: stdout.join(""), stderr: stderr.join(""), out: all.join("") };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
