/**
 * What an ES-module bundle needs on top for its CommonJS dependencies, which use require() and __dirname: an ES
 * module has neither of its own. The Action's bundle and the CLI's start with it.
 */
export const ESM_REQUIRE_BANNER = {
  js: [
    "import{createRequire as __stackhookRequire}from'node:module';",
    "import{dirname as __stackhookDirname}from'node:path';",
    "import{fileURLToPath as __stackhookPath}from'node:url';",
    'const require=__stackhookRequire(import.meta.url);',
    'const __filename=__stackhookPath(import.meta.url);',
    'const __dirname=__stackhookDirname(__filename);',
  ].join(''),
};
