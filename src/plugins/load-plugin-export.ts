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

async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    return await import(url);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { tsImport } = await import('tsx/esm/api');
    return await tsImport(url, import.meta.url);
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
