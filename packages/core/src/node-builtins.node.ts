/**
 * The Node built-ins `save` and `load` use (fs, crypto, path), imported on first use: the Node form of
 * `#node-builtins` (package.json `imports`, condition `node`). Browsers get node-builtins.browser.ts,
 * so a browser bundle of @nn/core never reaches a Node module.
 */
export async function nodeBuiltins(_op: string) {
  const [fs, crypto, path] = await Promise.all([import('node:fs/promises'), import('node:crypto'), import('node:path')]);
  return { fs, crypto, path };
}
