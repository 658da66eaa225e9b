/**
 * The published package: metadata that agrees with lib/project.ts, the Apache-2.0 LICENSE, an
 * exports map whose targets exist, a jsii configuration for the four languages, a publish build
 * without inline source maps, and a tarball with what consumers need and nothing else.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPOSITORY_URL } from '../../lib/project';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('names one repository everywhere, with keywords and the license file', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cdk8s', 'kubernetes', 'probes']));
    expect(pkg.license).toBe('Apache-2.0');
    const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  it('builds before packing, and the publish build has no inline source maps', () => {
    expect(pkg.scripts.prepack).toMatch(/build:jsii/);
    expect(pkg.scripts['build:jsii']).toMatch(/^jsii\b/);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, pkg.jsii.tsconfig), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ inlineSourceMap: false, inlineSources: false, sourceMap: false });
    expect(tsconfig.include).toEqual(['lib/**/*.ts']);
  });

  it('has jsii targets for Python, Java, .NET and Go, and bundles its non-jsii dependencies', () => {
    expect(Object.keys(pkg.jsii.targets).sort()).toEqual(['dotnet', 'go', 'java', 'python']);
    expect(pkg.jsii.targets.python).toEqual({ distName: 'cdk8s-probes', module: 'cdk8s_probes' });
    expect([...pkg.bundledDependencies].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('exports entry points whose files the build writes', () => {
    const targets: string[] = [];
    for (const [key, value] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      if (key.includes('*')) continue;
      targets.push(...(typeof value === 'string' ? [value] : Object.values(value)));
    }
    for (const t of targets) {
      const source = t.replace(/\.js$/, '.ts').replace(/\.d\.ts$/, '.ts');
      if (t === './.jsii') continue; // written by `npm run build:jsii` (prepack, CI)
      expect(fs.existsSync(path.join(ROOT, source))).toBe(true);
    }
    expect(pkg.exports['./plugin'].default).toBe('./lib/plugin/index.js');
    expect(pkg.typesVersions['*'].plugin).toEqual(['lib/plugin/index.d.ts']);
    expect(fs.existsSync(path.join(ROOT, 'schema', 'config.schema.json'))).toBe(true);
  });
});

describe('README on the registry page', () => {
  it('links only absolute URLs or in-page anchors (docs/ is not in the package)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((l) => !/^(https?:\/\/|#)/.test(l))).toEqual([]);
    expect(readme).toMatch(/^## Install$/m);
    expect(readme).toContain('npm i cdk8s-probes');
  });
});

describe('npm pack', () => {
  const built = fs.existsSync(path.join(ROOT, 'lib', 'index.js'));
  (built ? it : it.skip)('packs the compiled library, the command, the schema and the bundled yaml, and no sources, tests or ajv', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/cdk8s-probes.js', 'lib/index.js', 'lib/index.d.ts', 'lib/plugin/index.js', 'lib/cli/main.js', 'schema/config.schema.json']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('node_modules/yaml/'))).toBe(true);
    // ajv runs at build time only (the configuration validator is generated code)
    expect(files.filter((f) => f.startsWith('node_modules/ajv/'))).toEqual([]);
    expect(files).toContain('lib/rules/config-validator.generated.js');
    const own = files.filter((f) => !f.startsWith('node_modules/'));
    expect(own.filter((f) => /^(test|examples|bench|scripts|docs|dist|\.ci)\//.test(f))).toEqual([]);
    expect(own.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(own.filter((f) => f.endsWith('.map') || f.endsWith('.tgz'))).toEqual([]);
  });
});
