/**
 * Keeps the README's YAML honest: every block between
 *   <!-- snippet: <dist file> <Kind>/<name> <dotted.path> [pick=a,b,c] -->
 *   ```yaml … ```
 *   <!-- /snippet -->
 * is the real synthesized YAML from dist/, and the block between `<!-- rules-table -->` and
 * `<!-- /rules-table -->` is the rule table generated from the rule metadata. `npm run docs`
 * rewrites them; a test fails when the README is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { DOCS_URL } from '../lib/project';
import { ALL_RULES } from '../lib/rules/registry';
import { renderRulesTable } from './gen-rule-docs';

const ROOT = path.join(__dirname, '..');
const MARKER = /<!-- snippet: (\S+) (\S+)\/(\S+) (\S+)(?: pick=(\S+))? -->\n```yaml\n[\s\S]*?```\n<!-- \/snippet -->/g;

function at(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const part of dotted.split('.')) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) throw new Error(`bad path segment ${part}`);
    cur = (cur as Record<string, unknown>)?.[m[1]];
    if (m[2] !== undefined) cur = (cur as unknown[])?.[Number(m[2])];
  }
  return cur;
}

/** Renders one snippet from dist/. */
export function renderSnippet(file: string, kind: string, name: string, dotted: string, pick?: string): string {
  const docs = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8')).map((d) => d.toJS());
  const doc = docs.find((d) => d?.kind === kind && d?.metadata?.name === name);
  if (!doc) throw new Error(`README snippet: no ${kind}/${name} in dist/${file}`);
  let value = dotted === '.' ? doc : at(doc, dotted);
  if (value === undefined) throw new Error(`README snippet: ${kind}/${name} has nothing at ${dotted}`);
  if (pick) {
    const keys = pick.split(',');
    value = Object.fromEntries(keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => [k, (value as Record<string, unknown>)[k]]));
  }
  return stringify(value, { lineWidth: 0 });
}

const RULES_TABLE = /<!-- rules-table -->\n[\s\S]*?<!-- \/rules-table -->/;

/** The README with every snippet and the rule table re-rendered. */
export function renderReadme(text: string): string {
  return text.replace(RULES_TABLE, () => `<!-- rules-table -->\n${renderRulesTable(ALL_RULES, `${DOCS_URL}/rules.md`)}\n<!-- /rules-table -->`).replace(MARKER, (_all, file, kind, name, dotted, pick) =>
    `<!-- snippet: ${file} ${kind}/${name} ${dotted}${pick ? ` pick=${pick}` : ''} -->\n\`\`\`yaml\n${renderSnippet(file, kind, name, dotted, pick)}\`\`\`\n<!-- /snippet -->`);
}

if (require.main === module) {
  const file = path.join(ROOT, 'README.md');
  const before = fs.readFileSync(file, 'utf8');
  const after = renderReadme(before);
  if (after !== before) fs.writeFileSync(file, after);
  console.log(after === before ? 'README.md snippets are up to date' : 'README.md snippets rewritten from dist/');
}
