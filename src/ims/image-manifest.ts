import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { holdsMd5 } from '../artifacts/holds-md5.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { keyOfLink, type ImsLink } from './ims-link.js';

/** The artifact types an IMS image manifest lists (IMS's media types, and the OCI archive). */
export const ARTIFACT_TYPES = {
  rootfs: 'application/vnd.cray.image.rootfs.squashfs',
  kernel: 'application/vnd.cray.image.kernel',
  initrd: 'application/vnd.cray.image.initrd',
  kernelParameters: 'application/vnd.cray.image.parameters.boot',
  oci: 'application/vnd.oci.image.layout.v1+tar',
} as const;

export interface ManifestArtifact {
  type: string;
  link: ImsLink;
  md5: string;
}

/** manifest.json, version 1.0. */
export interface ImageManifest {
  version: '1.0';
  created: string;
  artifacts: ManifestArtifact[];
}

const invalid = (description: string) =>
  new StackhookError({ kind: 'input', description, subject: 'manifest.json' });

/**
 * Reads a manifest from the store and checks it against the store: version 1.0, exactly one squashfs rootfs,
 * at most one kernel and one initrd, only known types, and every artifact an object of this store whose md5
 * is the one the manifest gives.
 */
export async function checkedManifest(store: ArtifactStore, link: ImsLink): Promise<ImageManifest> {
  const key = keyOfLink(store.location, link);
  // Problems name keys in the store, never a link's path (on a filesystem store, a path of the service machine).
  if (!key) throw invalid("link.path is not in this service's artifact store");
  if (!(await store.head(key))) throw invalid(`no manifest at ${key}`);
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  let manifest: ImageManifest;
  try {
    manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ImageManifest;
  } catch (error) {
    throw invalid(`not JSON: ${(error as Error).message}`);
  }
  if (manifest?.version !== '1.0')
    throw invalid(`version must be "1.0", not ${JSON.stringify(manifest?.version)}`);
  if (!Array.isArray(manifest.artifacts)) throw invalid('no artifacts list');
  const known = Object.values(ARTIFACT_TYPES) as string[];
  const count = (type: string) => manifest.artifacts.filter((artifact) => artifact.type === type).length;
  if (count(ARTIFACT_TYPES.rootfs) !== 1)
    throw invalid(
      `exactly one ${ARTIFACT_TYPES.rootfs} artifact is needed (found ${count(ARTIFACT_TYPES.rootfs)})`,
    );
  for (const type of [ARTIFACT_TYPES.kernel, ARTIFACT_TYPES.initrd, ARTIFACT_TYPES.kernelParameters])
    if (count(type) > 1) throw invalid(`more than one ${type} artifact`);
  for (const [index, artifact] of manifest.artifacts.entries()) {
    const where = `artifacts[${index}]`;
    if (!known.includes(artifact?.type))
      throw invalid(`${where}: unknown type ${JSON.stringify(artifact?.type)}`);
    const artifactKey = artifact.link && keyOfLink(store.location, artifact.link);
    if (!artifactKey) throw invalid(`${where}.link.path is not in this service's artifact store`);
    const stored = await store.head(artifactKey);
    if (!stored) throw invalid(`${where}: no object at ${artifactKey}`);
    if (!(await holdsMd5(store, stored, artifact.md5)))
      throw invalid(`${where}: md5 ${artifact.md5} does not match the stored object`);
  }
  return manifest;
}
