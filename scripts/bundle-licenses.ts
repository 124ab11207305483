import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The licenses of every package whose files went into a bundle (esbuild's metafile inputs): name, version,
 * license and the text of its LICENSE file, sorted by name, as dist/licenses.txt.
 */
export async function bundleLicenses(inputs: readonly string[]): Promise<string> {
  const packageDirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packageDirs.add(match[1]!);
  }
  const entries: string[] = [];
  for (const dir of [...packageDirs].sort((a, b) => packageName(a).localeCompare(packageName(b)))) {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const licenseFile = (await readdir(dir)).find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file));
    const text = licenseFile
      ? (await readFile(path.join(dir, licenseFile), 'utf8')).trim()
      : '(no license file)';
    entries.push(
      `${manifest.name}@${manifest.version}\nLicense: ${manifest.license ?? 'unknown'}\n\n${text}\n`,
    );
  }
  return `Licenses of the packages bundled into dist/run.mjs\n\n${entries.join('\n---\n\n')}`;
}

function packageName(dir: string): string {
  return dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
}
