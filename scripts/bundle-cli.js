// @ts-check
/**
 * Writes lib/cli/main.bundle.js: lib/cli/main.js and every module of lib/ it requires (directly,
 * lazily or through other modules) in one file, each still a CommonJS module of its own that runs
 * only when first required. The command (bin/cdk8s-probes.js) loads this one file instead of about
 * 90: resolving, reading and compiling each module separately was about a third of the cold start
 * of `lint` on one small file (bench/lint.bench.ts, issue 11).
 *
 * Run after every compile of lib/ (`npm run build`, `npm run build:jsii`); plain Node, no
 * dependency, because it runs in the build. It reads the compiled JavaScript, so it works on
 * either build. Only relative `require("…")` calls with a literal specifier that resolve to a
 * `.js` file under lib/ are bundled (tsc writes every import and dynamic `import()` that way);
 * packages (js-yaml, yaml), Node's modules and JSON files are required from the module's own
 * place at run time, as before.
 *
 * Left out: the `explain` and `verify` commands (lib/cli/explain.js, lib/cli/verify.js and what
 * only they require). Their start-up is not what the bundle is for, and their ~50 modules
 * (270 KB) would be parsed by every `lint`. They load from lib/ as before, with their own
 * instances of the modules they share with lint (io, manifest readers); main hands them only
 * the CliIo object, which carries no module state across.
 *
 * The bundle checks at load time that every module it holds is still the file it was built from
 * and otherwise loads lib/cli/main.js itself, so a compile without this step is never shadowed by
 * stale code, only slower: every file must have the size it had, and in a source checkout
 * (lib/cli/main.ts beside main.js) none may be newer than the bundle — `tsc` rewrites them all.
 * An installed package has no sources and nobody recompiles it; its files' times are those of
 * the unpacking, in tarball order, so there only sizes are compared.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const SOURCE_MAP_LINE = /^\/\/# sourceMappingURL=.*$/gm;
const RELATIVE_REQUIRE = /\brequire\((['"])(\.{1,2}\/[^'"]*)\1\)/g;
/** Modules (relative to lib/) not bundled, nor what only they require: see the module comment. */
const LEFT_OUT = ['cli/explain.js', 'cli/verify.js'];

/**
 * The file a relative specifier names, as Node's CommonJS loader finds it (the file itself, then
 * with an extension, then a directory's index), or undefined. Done here rather than with
 * `require.resolve`, whose extensions are the host's (a test runner may add `.ts`).
 * @param {string} dir the requiring module's directory
 * @param {string} spec a specifier starting with ./ or ../
 * @returns {string | undefined}
 */
function resolveRelative(dir, spec) {
  const p = path.resolve(dir, spec);
  const exts = ['.js', '.json', '.node'];
  const candidates = [p, ...exts.map((e) => p + e), ...exts.map((e) => path.join(p, `index${e}`))];
  return candidates.find((c) => fs.statSync(c, { throwIfNoEntry: false })?.isFile());
}

/**
 * The modules reachable from `entry` through relative requires, in first-seen order (the entry is 0).
 * @param {string} entry absolute path of the entry module
 * @param {string} root only modules under this directory are bundled
 * @param {readonly string[]} leftOut modules (relative to `root`, with forward slashes) not bundled
 * @returns {{ file: string, size: number, source: string, deps: Record<string, number> }[]}
 */
function collect(entry, root, leftOut) {
  /** @type {Map<string, number>} */
  const ids = new Map();
  /** @type {{ file: string, size: number, source: string, deps: Record<string, number> }[]} */
  const modules = [];
  const visit = (/** @type {string} */ file) => {
    const known = ids.get(file);
    if (known !== undefined) return known;
    const id = modules.length;
    ids.set(file, id);
    const text = fs.readFileSync(file, 'utf8');
    /** @type {{ file: string, size: number, source: string, deps: Record<string, number> }} */
    const mod = { file, size: Buffer.byteLength(text), source: text.replace(SOURCE_MAP_LINE, ''), deps: {} };
    modules.push(mod);
    for (const [, , spec] of mod.source.matchAll(RELATIVE_REQUIRE)) {
      if (Object.prototype.hasOwnProperty.call(mod.deps, spec)) continue;
      const target = resolveRelative(path.dirname(file), spec);
      if (target === undefined) throw new Error(`${path.relative(root, file)}: require("${spec}") does not resolve; build lib/ first`);
      const inRoot = path.relative(root, target).split(path.sep).join('/');
      if (!target.endsWith('.js') || inRoot.startsWith('..') || leftOut.includes(inRoot)) continue;
      mod.deps[spec] = visit(target);
    }
    return id;
  };
  visit(entry);
  return modules;
}

/** The loader at the end of the bundle (see the module comment of the generated file). */
const RUNTIME = `
/** Whether every module above is still the file it was built from (see scripts/bundle-cli.js). */
function upToDate() {
  const built = fs.existsSync(path.join(__dirname, ENTRY_SOURCE)) ? fs.statSync(__filename).mtimeMs : Infinity;
  for (const [file, size] of FILES) {
    const s = fs.statSync(path.join(__dirname, file), { throwIfNoEntry: false });
    if (!s || s.size !== size || s.mtimeMs > built) return false;
  }
  return true;
}

const loaded = [];

/** Node's require for one module of this file: run once, on first use, with its own require. */
function load(id) {
  if (loaded[id]) return loaded[id].exports;
  const filename = path.join(__dirname, FILES[id][0]);
  const module = { id: filename, filename, exports: {}, loaded: false };
  loaded[id] = module;
  const deps = DEPS[id];
  let outside;
  const localRequire = (spec) => (Object.prototype.hasOwnProperty.call(deps, spec) ? load(deps[spec]) : (outside ??= createRequire(filename))(spec));
  try {
    MODULES[id].call(module.exports, module.exports, localRequire, module, filename, path.dirname(filename));
  } catch (e) {
    loaded[id] = undefined;
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

module.exports = upToDate() ? load(0) : require(ENTRY);
`;

/**
 * Bundles `entry` (and what it requires under `root`) into `out`; returns how many modules it holds.
 * @param {{ entry: string, out: string, root: string, leftOut?: readonly string[] }} options absolute
 *   paths; `leftOut` as in {@link collect} (default: none)
 * @returns {number}
 */
function bundle({ entry, out, root, leftOut = [] }) {
  const modules = collect(entry, root, leftOut);
  const outDir = path.dirname(out);
  const rel = (/** @type {string} */ f) => {
    const r = path.relative(outDir, f).split(path.sep).join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  const parts = [
    `'use strict';`,
    `// Generated by scripts/bundle-cli.js from ${path.relative(path.dirname(root), entry).split(path.sep).join('/')} and the ${modules.length - 1} modules it requires: do not edit.`,
    `// Each module runs only when first required, with its own __filename and require; see scripts/bundle-cli.js.`,
    `const fs = require('fs');`,
    `const path = require('path');`,
    `const { createRequire } = require('module');`,
    `/** Each module's file (relative to this one) and the size in bytes of that file when bundled, by id. */`,
    `const FILES = ${JSON.stringify(modules.map((m) => [rel(m.file), m.size]))};`,
    `/** Each module's relative requires that are bundled: specifier to id. */`,
    `const DEPS = ${JSON.stringify(modules.map((m) => m.deps))};`,
    `const MODULES = [`,
  ];
  for (const m of modules) {
    parts.push(`// ${rel(m.file)}`, `function (exports, require, module, __filename, __dirname) {`, m.source, `},`);
  }
  parts.push(
    `];`,
    RUNTIME.replace('ENTRY_SOURCE', () => JSON.stringify(rel(entry).replace(/\.js$/, '.ts'))).replace('require(ENTRY)', () => `require(${JSON.stringify(rel(entry))})`),
  );
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, parts.join('\n'));
  fs.renameSync(tmp, out);
  return modules.length;
}

module.exports = { bundle };

if (require.main === module) {
  const root = path.join(__dirname, '..', 'lib');
  const n = bundle({ entry: path.join(root, 'cli', 'main.js'), out: path.join(root, 'cli', 'main.bundle.js'), root, leftOut: LEFT_OUT });
  if (process.argv.includes('--verbose')) console.log(`lib/cli/main.bundle.js: ${n} modules`);
}
