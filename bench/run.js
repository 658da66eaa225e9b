#!/usr/bin/env node
// Runs every compiled benchmark in bench/ (bench/*.bench.js, built by `npm run build`), in name order.
// Each prints its own figures and ratios against a baseline measured in the same run.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const only = process.argv[2];
const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f.replace(/\.bench\.js$/, '')}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
