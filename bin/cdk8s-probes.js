#!/usr/bin/env node
'use strict';
// The package's command: `cdk8s-probes lint|explain …` (compiled from lib/cli/main.ts). It runs from
// lib/cli/main.bundle.js, lib/cli/main.js and the modules it requires in one file (written by
// scripts/bundle-cli.js at build time), which starts in about half the time; without it, from
// lib/cli/main.js itself.
const fs = require('fs');
const path = require('path');
const bundle = path.join(__dirname, '..', 'lib', 'cli', 'main.bundle.js');
require(fs.existsSync(bundle) ? bundle : '../lib/cli/main').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
