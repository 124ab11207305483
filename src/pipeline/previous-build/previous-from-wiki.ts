import path from 'node:path';
import { latestManifest } from '../../wiki/latest-manifest.js';
import { packagesFromManifest } from '../../packages/packages-from-manifest.js';
import type { PreviousBuild } from './previous-build.js';

/** The previous build of an image from its newest manifest in a checked-out wiki. */
export async function previousFromWiki(
  wikiDir: string,
  filePrefix: string,
  image: string,
): Promise<PreviousBuild | string> {
  const manifest = await latestManifest(wikiDir, { filePrefix, image });
  if (!manifest) return `no ${filePrefix}-${image}-*.md manifest in the wiki ${wikiDir}`;
  const { packages, sources } = packagesFromManifest(manifest.content);
  if (packages.length === 0) return `the wiki manifest ${manifest.path} lists no packages`;
  return {
    foundIn: 'wiki',
    reference: `wiki:${path.relative(wikiDir, manifest.path)}`,
    buildTimestamp: manifest.timestamp,
    gitSha: /^- Git commit SHA: \[?([0-9a-f]{40})/m.exec(manifest.content)?.[1],
    packages,
    sources,
  };
}
