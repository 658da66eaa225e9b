/**
 * The one-file build of the command (scripts/bundle-cli.js → lib/cli/main.bundle.js, issue 11's
 * cold start): modules keep CommonJS semantics inside it, a stale bundle is never run, and the
 * built command prints byte for byte what lib/cli/main.js prints. Bundles run in child processes,
 * as the command does.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempTree } from '../lint/helpers';

// plain JavaScript run by the build; its one export is typed here
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle-cli.js') as {
  bundle(options: { entry: string; out: string; root: string; leftOut?: readonly string[] }): number;
};

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'cdk8s-probes.js');
const builtBundle = path.join(root, 'lib', 'cli', 'main.bundle.js');

/** Runs `code` in a fresh node process and parses the JSON it prints. */
function node(code: string, cwd: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8' }));
}

/** A small compiled-looking tree: static, lazy, cyclic, JSON, package and left-out requires. */
function fixture(): string {
  return tempTree({
    'lib/cli/main.js': [
      `"use strict";`,
      `const a = require("./a");`,
      `exports.self = this === exports;`,
      `exports.a = a.name;`,
      `exports.cycle = require('./b').fromA;`,
      `exports.file = __filename;`,
      `exports.dir = __dirname;`,
      `exports.data = require("./data.json").value;`,
      `exports.sep = require("path").sep;`,
      `exports.later = () => Promise.resolve().then(() => require('../later'));`,
      `exports.left = () => require("./left");`,
      `// a comment naming require("./a") is harmless: it resolves`,
    ].join('\n'),
    'lib/cli/a.js': `"use strict";\nexports.name = "a";\nexports.b = require("./b").name;\n`,
    'lib/cli/b.js': `"use strict";\nconst a = require("./a");\nexports.name = "b";\nexports.fromA = a.name;\n`,
    'lib/cli/data.json': '{"value": 42}',
    'lib/cli/left.js': `"use strict";\nexports.a = require("./a");\n`,
    'lib/later.js': `"use strict";\nexports.main = require("./cli/main");\n//# sourceMappingURL=data:application/json;base64,e30=\n`,
  });
}

function bundleFixture(dir: string): string {
  const lib = path.join(dir, 'lib');
  const out = path.join(lib, 'cli', 'main.bundle.js');
  bundle({ entry: path.join(lib, 'cli', 'main.js'), out, root: lib, leftOut: ['cli/left.js'] });
  return out;
}

/** Requires the bundle in a child process: its exports, and which files Node itself loaded. */
function loadInChild(dir: string): { exports: Record<string, unknown>; fromDisk: string[]; later: Record<string, unknown>; leftFromDisk: boolean } {
  return node(
    `const b = require('./lib/cli/main.bundle.js');
     b.later().then((later) => {
       const fromDisk = Object.keys(require.cache).map((f) => require('path').relative(process.cwd(), f).split(require('path').sep).join('/'));
       const left = b.left();
       console.log(JSON.stringify({ exports: { ...b, later: undefined, left: undefined }, fromDisk, later: { sameMain: later.main === b }, leftFromDisk: require.cache[require.resolve('./lib/cli/left.js')] !== undefined && left.a.name === 'a' }));
     });`,
    dir,
  ) as ReturnType<typeof loadInChild>;
}

describe('scripts/bundle-cli.js', () => {
  it('keeps each module a CommonJS module: own __filename and require, cycles, lazy and left-out requires', () => {
    const dir = fixture();
    expect(bundleFixture(dir)).toBeTruthy();
    const text = fs.readFileSync(path.join(dir, 'lib', 'cli', 'main.bundle.js'), 'utf8');
    expect(text).not.toContain('sourceMappingURL');
    expect(text).not.toContain('exports.a = require("./a");\n'); // left.js is not in it
    const r = loadInChild(dir);
    const real = fs.realpathSync(dir);
    expect(r.exports).toEqual({
      self: true,
      a: 'a',
      cycle: 'a',
      file: path.join(real, 'lib', 'cli', 'main.js'),
      dir: path.join(real, 'lib', 'cli'),
      data: 42,
      sep: path.sep,
    });
    // the lazily required module is bundled and sees the same instance of main
    expect(r.later).toEqual({ sameMain: true });
    // Node loaded the bundle, the JSON file and nothing else of lib/ (left.js only when asked for)
    expect(r.fromDisk.filter((f) => f.startsWith('lib/')).sort()).toEqual(['lib/cli/data.json', 'lib/cli/main.bundle.js']);
    expect(r.leftFromDisk).toBe(true);
  });

  it('in a source checkout, loads lib/cli/main.js itself when a bundled module was rewritten after the bundle', () => {
    const dir = fixture();
    fs.writeFileSync(path.join(dir, 'lib', 'cli', 'main.ts'), '// the source\n');
    bundleFixture(dir);
    expect(loadInChild(dir).fromDisk).not.toContain('lib/cli/main.js');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(dir, 'lib', 'cli', 'b.js'), later, later);
    const r = loadInChild(dir);
    expect(r.exports.a).toBe('a');
    expect(r.fromDisk).toEqual(expect.arrayContaining(['lib/cli/main.js', 'lib/cli/a.js', 'lib/cli/b.js', 'lib/later.js']));
  });

  it('in an installed package (no sources), ignores file times, which are the unpacking\'s', () => {
    const dir = fixture();
    bundleFixture(dir);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(dir, 'lib', 'cli', 'b.js'), later, later);
    expect(loadInChild(dir).fromDisk).not.toContain('lib/cli/main.js');
  });

  it('loads lib/cli/main.js itself when a bundled module has another size or is gone', () => {
    const dir = fixture();
    bundleFixture(dir);
    const b = path.join(dir, 'lib', 'cli', 'b.js');
    const stat = fs.statSync(b);
    fs.appendFileSync(b, '// edited\n');
    fs.utimesSync(b, stat.atime, stat.mtime); // same time, other size (a copy that kept times)
    expect(loadInChild(dir).fromDisk).toContain('lib/cli/main.js');

    const dir2 = fixture();
    bundleFixture(dir2);
    fs.rmSync(path.join(dir2, 'lib', 'later.js'));
    expect(node(`console.log(JSON.stringify(Object.keys(require('./lib/cli/main.bundle.js'))))`, dir2)).toContain('later');
  });

  it('fails the build on a relative require that does not resolve', () => {
    const dir = tempTree({ 'lib/cli/main.js': 'require("./missing");\n' });
    expect(() => bundleFixture(dir)).toThrow('cli/main.js: require("./missing") does not resolve; build lib/ first');
  });
});

/** Runs the command through the bin (the bundle) or through lib/cli/main.js directly. */
function run(how: 'bin' | 'main', args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const argv = how === 'bin' ? [bin, ...args] : ['-e', `require(${JSON.stringify(path.join(root, 'lib', 'cli', 'main.js'))}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, '--', ...args];
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

(fs.existsSync(builtBundle) ? describe : describe.skip)('the built command (lib/cli/main.bundle.js)', () => {
  it('runs from the bundle: it is up to date with lib/ (run `npm run build` after compiling)', () => {
    const loaded = node(`require(${JSON.stringify(builtBundle)}); console.log(JSON.stringify(Object.keys(require.cache)))`, root) as string[];
    expect(loaded.filter((f) => f.endsWith(path.join('lib', 'cli', 'main.js')) || f.endsWith(path.join('lib', 'rules', 'registry.js')))).toEqual([]);
  });

  it('prints byte for byte what lib/cli/main.js prints, with the same exit code', () => {
    const bad = `apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers:\n    - name: app\n      image: example/app:1\n      livenessProbe:\n        tcpSocket: {port: 8080}\n        successThreshold: 2\n---\nkey: [unclosed\n`;
    const dir = tempTree({ 'bad.yaml': bad, '.cdk8s-probes.yaml': 'failOn: warning\nrules:\n  liveness-single-failure: error\n' });
    const cases: Array<{ args: string[]; cwd: string; env?: Record<string, string> }> = [
      { args: ['lint', 'dist'], cwd: root },
      { args: ['lint', '--format', 'json', 'dist'], cwd: root },
      { args: ['lint', '--format', 'sarif', '--fail-on', 'none', 'dist'], cwd: root },
      { args: ['lint', path.join(root, 'dist'), 'bad.yaml'], cwd: dir, env: { FORCE_COLOR: '1' } },
      { args: ['lint', '--list-rules'], cwd: root },
      { args: ['lint', '--format', 'xml', 'dist'], cwd: root },
      { args: ['explain', 'dist'], cwd: root },
      { args: ['help', 'verify'], cwd: root },
      { args: ['--version'], cwd: root },
      { args: ['nonsense'], cwd: root },
    ];
    for (const c of cases) {
      const viaBin = run('bin', c.args, c.cwd, c.env);
      const viaMain = run('main', c.args, c.cwd, c.env);
      expect({ args: c.args, ...viaBin }).toEqual({ args: c.args, ...viaMain });
    }
  });
});
