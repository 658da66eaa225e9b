/**
 * The README's YAML is the real synthesized YAML: every snippet equals what dist/ holds now.
 * Run `npm run docs` after changing an example.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderReadme } from '../scripts/readme-snippets';

it('README snippets match dist/', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  expect(readme).toContain('<!-- snippet:');
  expect(renderReadme(readme)).toBe(readme);
});
