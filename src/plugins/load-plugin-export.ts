import { pathToFileURL } from 'node:url';
import { StackhookError } from '../errors/stackhook-error.js';

/**
 * Imports a plugin module (JS, or TS through tsx when node can't load TS itself) and returns one export.
 * Any failure names the module file.
 */
export async function loadPluginExport(file: string, exportName: string, subject: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = (await importModule(file)) as Record<string, unknown>;
  } catch (cause) {
    throw new StackhookError({
      kind: 'input',
      description: `plugin module ${file} failed to load: ${firstLine(cause)}`,
      subject,
      cause,
    });
  }
  if (!(exportName in module)) {
    const found = Object.keys(module).join(', ') || 'none';
    throw new StackhookError({
      kind: 'input',
      description: `plugin module ${file} has no export "${exportName}" (exports: ${found})`,
      subject,
    });
  }
  return module[exportName];
}

const TYPESCRIPT = /\.[cm]?ts$/;
// Node without a TS loader refuses the extension; Node >= 22.18 strips types itself but refuses enums and the
// like, and does not map `./helper.js` to helper.ts. tsx does all of that.
const NODE_CANNOT_LOAD_TS = new Set([
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
  'ERR_MODULE_NOT_FOUND',
]);

async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (!TYPESCRIPT.test(file) || !NODE_CANNOT_LOAD_TS.has((error as { code?: string }).code ?? ''))
      throw error;
    const { tsImport } = await import('tsx/esm/api');
    namespace = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  // Outside a "type": "module" package a TS file is compiled to CommonJS: its exports arrive wrapped in `default`.
  const wrapped = namespace.default as { __esModule?: boolean } | undefined;
  return wrapped?.__esModule === true ? wrapped : namespace;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
