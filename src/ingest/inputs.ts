import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";

/** The command line's PATH... arguments → the files to read, in a stable order, with sizes for the ETA. */

export interface InputFile {
  /** A file path, or `-` for stdin. */
  path: string;
  /** Bytes, or null when unknown (stdin). */
  size: number | null;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Files found in folders and left alone: documentation, archives, databases, images. */
  skipped: string[];
  /** Paths given that could not be read at all. */
  missing: { path: string; reason: string }[];
}

/** Extensions a cable file can have inside a folder (a file named on the command line is always read). */
const CABLE_EXTENSIONS = new Set(["", ".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".csv"]);
/** Documentation that sits beside cables in a folder (data/sample/README.md). */
const DOCUMENTATION = /^(readme|licen[cs]e|notice|changelog|sources)(\.|$)/i;

function isCableFile(name: string): boolean {
  if (name.startsWith(".") || DOCUMENTATION.test(name)) return false;
  return CABLE_EXTENSIONS.has(extname(name).toLowerCase());
}

export async function expandInputs(paths: readonly string[]): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], skipped: [], missing: [] };
  for (const path of paths) {
    if (path === "-") {
      out.files.push({ path, size: null });
      continue;
    }
    try {
      const st = await stat(path);
      if (st.isDirectory()) await walk(path, out);
      else out.files.push({ path, size: st.size });
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

/** Depth-first, names sorted, so two runs over one folder read records in the same order. */
async function walk(dir: string, out: ExpandedInputs): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.missing.push({ path: dir, reason: `cannot list the folder: ${(err as Error).message}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    // Symlinked folders are not followed: a link back up the tree would never end.
    if (e.isDirectory()) {
      if (!e.name.startsWith(".")) await walk(path, out);
      continue;
    }
    if (!isCableFile(basename(path))) {
      out.skipped.push(path);
      continue;
    }
    try {
      const st = await stat(path);
      if (st.isFile()) out.files.push({ path, size: st.size });
    } catch {
      out.skipped.push(path);
    }
  }
}
