import type { ImageSpec } from '../hierarchy/hierarchy.js';
import { INPUT_DIGEST_LABEL, PARENT_LABEL } from './labels.js';

export interface ImageLabelsInput {
  spec: ImageSpec;
  inputDigest: string;
  parentImageId: string | undefined;
  /** GitHub owner/name, for url and source. */
  repository: string | undefined;
  gitSha: string | undefined;
  /** SPDX expression from the hierarchy (`licenses:`). */
  licenses: string | undefined;
  created: Date;
}

/**
 * The OCI annotation keys as image labels (org.opencontainers.image.*) plus stackhook's own: what the image is,
 * where its source lives, which commit and when; the input digest that decides reuse and the parent it was built
 * FROM. Labels with no value are left out rather than set empty, except the description (see below).
 */
export function imageLabels(input: ImageLabelsInput): Record<string, string> {
  const url = input.repository ? `https://github.com/${input.repository}` : undefined;
  const labels: Record<string, string | undefined> = {
    'org.opencontainers.image.title': input.spec.name,
    // Always set: left out, the parent's description would be inherited through FROM.
    'org.opencontainers.image.description': input.spec.description ?? '',
    'org.opencontainers.image.url': url,
    'org.opencontainers.image.source': url,
    'org.opencontainers.image.version': input.gitSha?.slice(0, 12),
    'org.opencontainers.image.revision': input.gitSha,
    'org.opencontainers.image.created': `${input.created.toISOString().slice(0, 19)}Z`,
    'org.opencontainers.image.licenses': input.licenses,
    [INPUT_DIGEST_LABEL]: input.inputDigest,
    [PARENT_LABEL]: input.parentImageId,
  };
  return Object.fromEntries(
    Object.entries(labels).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (entry[1] !== '' || entry[0].endsWith('.description')),
    ),
  );
}
