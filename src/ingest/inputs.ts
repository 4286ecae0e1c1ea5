import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { READER_EXTENSIONS } from "../formats/index.js";

/** The command line's PATH... arguments → the files to read, in a stable order, with sizes for the ETA. */

export interface InputFile {
  /** A file path, or `-` for stdin. */
  path: string;
  /** Bytes, or null when unknown (stdin). */
  size: number | null;
}

/** A path found in the folders given and not read, with the reason: nothing is left out silently. */
export interface SkippedPath {
  path: string;
  reason: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Paths in the folders given that were left alone, each with why. */
  skipped: SkippedPath[];
  /** Paths that could not be read at all (each becomes a rejection in the report). */
  missing: { path: string; reason: string }[];
}

/** Extensions a cable file can have inside a folder (a file named on the command line is always read). */
const CABLE_EXTENSIONS = READER_EXTENSIONS;
/** Documentation that sits beside cables in a folder (data/sample/README.md). */
const DOCUMENTATION = /^(readme|licen[cs]e|notice|changelog|sources)(\.|$)/i;
/** Folders of tools, not of cables: version control keeps its own copies of files there. */
const TOOL_FOLDERS = new Set([".git", ".hg", ".svn", ".bzr", "CVS", "node_modules"]);

/** Why a file found in a folder is not read, or null to read it. */
function skipReason(name: string): string | null {
  if (name.startsWith("."))
    return "hidden file (name starts with a dot): name it on the command line to read it";
  if (DOCUMENTATION.test(name)) return "documentation, not a cable";
  const ext = extname(name).toLowerCase();
  if (!CABLE_EXTENSIONS.has(ext))
    return `not a cable file type (${ext}): name it on the command line to read it`;
  return null;
}

/** Folders already read, by device and inode: a symlink loop or a second link to one folder ends here. */
type Seen = Map<string, string>;

function identity(st: { dev: number; ino: number }): string {
  return `${st.dev}:${st.ino}`;
}

export async function expandInputs(paths: readonly string[]): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], skipped: [], missing: [] };
  const seenDirs: Seen = new Map();
  const seenFiles: Seen = new Map();
  for (const path of paths) {
    if (path === "-") {
      out.files.push({ path, size: null });
      continue;
    }
    try {
      const st = await stat(path);
      if (st.isDirectory()) await walk(path, out, seenDirs, seenFiles);
      else addFile(path, st, out, seenFiles);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      out.missing.push({
        path,
        reason: code === "ENOENT" ? "no such file or folder" : String(err),
      });
    }
  }
  return out;
}

function addFile(
  path: string,
  st: { dev: number; ino: number; size: number; isFile(): boolean },
  out: ExpandedInputs,
  seenFiles: Seen,
): void {
  if (!st.isFile()) {
    out.skipped.push({ path, reason: "not a regular file (a device, socket or pipe)" });
    return;
  }
  const id = identity(st);
  const first = seenFiles.get(id);
  if (first !== undefined) {
    out.skipped.push({ path, reason: `the same file as ${first}, read once` });
    return;
  }
  seenFiles.set(id, path);
  out.files.push({ path, size: st.size });
}

/**
 * Depth-first, names sorted, so two runs over one folder read records in the same order. Symbolic
 * links are followed, to files and to folders; a folder reached a second time (a link back up the
 * tree, or two links to one folder) is read once and the other paths are reported.
 */
async function walk(
  dir: string,
  out: ExpandedInputs,
  seenDirs: Seen,
  seenFiles: Seen,
): Promise<void> {
  let st: Awaited<ReturnType<typeof stat>>;
  let entries: Dirent[];
  try {
    st = await stat(dir);
    const id = identity(st);
    const first = seenDirs.get(id);
    if (first !== undefined) {
      const real = await realpath(dir).catch(() => first);
      out.skipped.push({
        path: dir,
        reason: `folder already read as ${first} (symbolic link to ${real}): read once`,
      });
      return;
    }
    seenDirs.set(id, dir);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.missing.push({ path: dir, reason: `cannot list the folder: ${(err as Error).message}` });
    return;
  }
  // Names sorted, links after the real entries: a folder reached both ways is read by its own path.
  entries.sort(
    (a, b) =>
      Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && TOOL_FOLDERS.has(e.name)) {
      out.skipped.push({ path, reason: "version-control or tool folder, not cables" });
      continue;
    }
    let target: Awaited<ReturnType<typeof stat>>;
    try {
      target = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = e.isSymbolicLink()
        ? `symbolic link to a path that does not exist (${code ?? "error"})`
        : `cannot read: ${(err as Error).message}`;
      out.missing.push({ path, reason });
      continue;
    }
    if (target.isDirectory()) {
      await walk(path, out, seenDirs, seenFiles);
      continue;
    }
    const reason = skipReason(e.name);
    if (reason) {
      out.skipped.push({ path, reason });
      continue;
    }
    addFile(path, target, out, seenFiles);
  }
}
