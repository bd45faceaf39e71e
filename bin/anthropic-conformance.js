#!/usr/bin/env node
/* global require, process */
// The installed command: the compiled CLI (npm run build writes dist/), run in this process.
require('../dist/cli/main.js')
  .main(process.argv.slice(2), process.env, process.cwd())
  .then((code) => process.exit(code));
