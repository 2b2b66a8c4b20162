/**
 * The Node built-ins the file loaders use (fs, zlib, path, module), imported on first use: the Node
 * form of `#node-builtins` (package.json `imports`, condition `node`). Browsers get
 * node-builtins.browser.ts, so a browser bundle of @nn/data never reaches a Node module.
 */
export async function nodeBuiltins(_op: string) {
  const [fs, zlib, path, module] = await Promise.all([import('node:fs/promises'), import('node:zlib'), import('node:path'), import('node:module')]);
  return { fs, zlib, path, module };
}
