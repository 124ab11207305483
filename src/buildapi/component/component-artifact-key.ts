import type { ComponentKey } from './component-job-repository.js';

/** Where a component's tarball lives in the artifact store. */
export function componentArtifactKey({ component, tag, architecture }: ComponentKey): string {
  return `components/${component}/${tag}/${architecture}/${component}-${tag}-${architecture}.tar.gz`;
}
