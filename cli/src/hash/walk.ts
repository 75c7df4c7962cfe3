import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A path to hash, or an argument that could not be turned into one. */
export type WalkEntry =
  | { readonly path: string }
  | { readonly path: string; readonly error: { readonly code: string; readonly message: string } };

/**
 * Expands command-line paths into the files to hash, in a stable order: files as given, and
 * directories walked recursively with their entries sorted by name. Inside directories, hidden
 * entries (".DS_Store", ".git/") are skipped and symbolic links to directories are not followed
 * (no cycles); a path named on the command line is always taken. Missing paths become entries
 * with an error so that they are reported in order with the rest.
 *
 * @example
 * for (const entry of await expandPaths(['photos/', 'extra.jpg'])) console.log(entry.path);
 */
export async function expandPaths(paths: readonly string[]): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      entries.push({ path, error: statError(error) });
      continue;
    }
    if (info.isDirectory()) await walk(path, entries);
    else if (info.isFile()) entries.push({ path });
    else {
      // A FIFO or a device would block or never end: only regular files are hashed.
      entries.push({ path, error: { code: 'file_unreadable', message: 'not a regular file' } });
    }
  }
  return entries;
}

async function walk(directory: string, into: WalkEntry[]): Promise<void> {
  let children;
  try {
    children = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    into.push({ path: directory, error: statError(error) });
    return;
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) {
    if (child.name.startsWith('.')) continue;
    const path = join(directory, child.name);
    if (child.isDirectory()) {
      await walk(path, into);
    } else if (child.isFile()) {
      into.push({ path });
    } else if (child.isSymbolicLink()) {
      try {
        if ((await stat(path)).isFile()) into.push({ path });
      } catch (error) {
        into.push({ path, error: statError(error) });
      }
    }
  }
}

function statError(error: unknown): { code: string; message: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { code: 'file_not_found', message: 'no such file or directory' };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { code: 'file_unreadable', message: 'permission denied' };
  }
  return {
    code: 'file_unreadable',
    message: error instanceof Error ? error.message : String(error),
  };
}
