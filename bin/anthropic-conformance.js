#!/usr/bin/env node
// The installed command: registers the TypeScript loader for this package's sources and runs the CLI.
require('../src/register');
require('../src/cli/main.ts').main();
