#!/usr/bin/env node
'use strict';
// The package's command: `cdk8s-probes lint|explain …` (compiled from lib/cli/main.ts).
require('../lib/cli/main').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
