/**
 * The parse baselines of the lint and explain benchmarks, as whole processes: read every file of
 * a directory and parse all its documents to plain JSON, with js-yaml (what a fast parser costs)
 * or with the `yaml` package (parse + toJS). Run: node bench/baseline.js <js-yaml|yaml> <dir>
 */
import * as fs from 'fs';
import * as path from 'path';

function main(parser: string, dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
  let docs = 0;
  if (parser === 'js-yaml') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadAll, CORE_SCHEMA } = require('js-yaml') as typeof import('js-yaml');
    for (const f of files) docs += loadAll(fs.readFileSync(f, 'utf8'), { schema: CORE_SCHEMA }).length;
  } else if (parser === 'yaml') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    for (const f of files) {
      for (const d of parseAllDocuments(fs.readFileSync(f, 'utf8'))) {
        d.toJS();
        docs++;
      }
    }
  } else {
    throw new Error(`unknown parser ${parser}`);
  }
  if (docs === 0) throw new Error(`no documents in ${dir}`);
}

main(process.argv[2], process.argv[3]);
