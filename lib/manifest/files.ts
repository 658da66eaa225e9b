/**
 * Which files a path stands for: a file named on the command line is read whatever it is (a FIFO
 * from `<(helm template …)` included); a directory is walked recursively for `.yaml`, `.yml` and
 * `.json`, in name order, skipping dot-entries, node_modules and `--exclude` patterns. Inside a
 * directory, FIFOs, sockets and devices are skipped (reading one would block or never end) and
 * said so, a symlink loop is walked once, and a dangling symlink is an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { InputError } from './load';

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** What a walk found: files to read, errors, and notes about what was skipped. */
export interface CollectedFiles {
  /** Files to read, in order. */
  readonly files: string[];
  /** Paths that could not be walked (missing, unreadable, dangling symlinks). */
  readonly errors: InputError[];
  /** Entries skipped on purpose that the user should hear about (FIFOs, devices, loops). */
  readonly warnings: InputError[];
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** Turns a glob (`*`, `**`, `?`) into a regular expression over a whole name or path. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * A matcher for `--exclude` patterns: a pattern without `/` matches an entry's name at any depth
 * (`templates`, `*.tmpl.yaml`); one with `/` matches the path relative to the directory given
 * (`charts/*\/templates`). A trailing `/` is ignored.
 */
export function excludeMatcher(patterns: readonly string[]): (relative: string, name: string) => boolean {
  const compiled = patterns.map((p) => p.replace(/\/+$/, '')).filter((p) => p.length > 0).map((p) => ({ byPath: p.includes('/'), re: globToRegExp(p.replace(/^\.\//, '')) }));
  return (relative, name) => compiled.some((c) => c.re.test(c.byPath ? relative : name));
}

/** Walks `target` (a file or directory). */
export function collectFiles(target: string, exclude: readonly string[] = []): CollectedFiles {
  const out: CollectedFiles = { files: [], errors: [], warnings: [] };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    let dangling = false;
    try {
      dangling = fs.lstatSync(target).isSymbolicLink();
    } catch {
      // missing altogether
    }
    out.errors.push({ file: target, message: dangling ? `dangling symbolic link to ${fs.readlinkSync(target)}` : `cannot read: ${code(e)}` });
    return out;
  }
  if (!stat.isDirectory()) {
    out.files.push(target); // a file named explicitly is read whatever its extension or type
    return out;
  }
  const excluded = excludeMatcher(exclude);
  const visited = new Set<string>();
  const walk = (dir: string, relative: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      out.errors.push({ file: dir, message: `cannot read directory: ${code(e)}` });
      return;
    }
    if (visited.has(real)) {
      out.warnings.push({ file: dir, message: `skipped: a symbolic link back to ${real}, already read (a loop)` });
      return;
    }
    visited.add(real);
    let entries: string[];
    try {
      entries = fs.readdirSync(dir).sort();
    } catch (e) {
      out.errors.push({ file: dir, message: `cannot read directory: ${code(e)}` });
      return;
    }
    for (const entry of entries) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const child = path.join(dir, entry);
      const rel = relative === '' ? entry : `${relative}/${entry}`;
      if (excluded(rel, entry)) continue;
      let childStat: fs.Stats;
      try {
        childStat = fs.statSync(child);
      } catch (e) {
        const link = fs.lstatSync(child, { throwIfNoEntry: false });
        if (link?.isSymbolicLink()) out.errors.push({ file: child, message: `dangling symbolic link to ${fs.readlinkSync(child)}` });
        else out.errors.push({ file: child, message: `cannot read: ${code(e)}` });
        continue;
      }
      if (childStat.isDirectory()) walk(child, rel);
      else if (!YAML_EXTENSIONS.has(path.extname(entry).toLowerCase())) continue;
      else if (childStat.isFile()) out.files.push(child);
      else out.warnings.push({ file: child, message: `skipped: ${kindOf(childStat)}, not a regular file (name it on the command line to read it)` });
    }
  };
  walk(target, '');
  if (out.files.length === 0 && out.errors.length === 0) {
    // an empty dist/ usually means the step before failed (cdk8s synth deletes dist/ first; a
    // failed `helm template > dir/…`): never let that pass as a clean run
    out.errors.push({ file: target, message: `no manifest files (${[...YAML_EXTENSIONS].join(', ')}) in this directory${exclude.length > 0 ? ' after --exclude' : ''}; allowed: a directory holding manifests — did the synth or template step before this fail?` });
  }
  return out;
}
