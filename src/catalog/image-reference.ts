import type { CatalogImage } from './image-repository.js';

/** The tag an image is published under in its repository: `<swtag>-<counter>`, e.g. `sw12-0`. */
export function swTagImageTag(swtag: string, counter: number): string {
  return `${swtag}-${counter}`;
}

/** `<registry>/<user>/<name>`, the repository a catalog image lives in. */
export function imageRepositoryName(
  image: Pick<CatalogImage, 'registry' | 'repository_user' | 'repository_name'>,
): string {
  return [image.registry, image.repository_user, image.repository_name].join('/');
}

/** How to pull a catalog image: by its SW-Tag tag, and (immutable) by its digest. */
export function pullCommands(image: CatalogImage): { byTag: string; byDigest: string } {
  const repository = imageRepositoryName(image);
  return {
    byTag: `podman pull ${repository}:${swTagImageTag(image.repository_swtag, image.repository_counter)}`,
    byDigest: `podman pull ${repository}@${image.hash_digest}`,
  };
}
