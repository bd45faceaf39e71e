// jest loads reporters without its transform: register esbuild for the TypeScript reporter.
require('esbuild-register/dist/node').register({ target: 'node20' });
module.exports = require('./jest-reporter.ts').default;
