// jest loads reporters without its transform: register esbuild for the TypeScript reporter.
require('../register');
module.exports = require('./jest-reporter.ts').default;
