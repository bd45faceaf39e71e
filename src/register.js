// Lets node load this package's TypeScript sources: esbuild compiles them as they are required,
// also when the package itself is installed in a node_modules folder (which esbuild-register skips
// by default). Files of other packages are left alone.
const path = require('node:path');

const root = path.resolve(__dirname, '..') + path.sep;
const ours = (file) => file.startsWith(root) && !file.slice(root.length).split(path.sep).includes('node_modules');
require('esbuild-register/dist/node').register({ target: `node${process.versions.node}`, hookIgnoreNodeModules: false, hookMatcher: ours });
