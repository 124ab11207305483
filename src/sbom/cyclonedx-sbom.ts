import { randomUUID } from 'node:crypto';
import type { Package, PackageSource } from '../records/package.js';
import type { CycloneDxBom } from './cyclonedx-bom.js';
import type { OsRelease } from '../probe/os-release.js';
import { packageUrl } from './package-url.js';

/** What the SBOM of one built image is made from. */
export interface SbomInput {
  /** Short image name (base-notebook). */
  image: string;
  /** <registry>/<owner>/<image>. */
  fullImage: string;
  /** podman image id: the 64 hex SHA-256 of the image config, with or without "sha256:". */
  imageId: string;
  /** Full references the image was tagged with. */
  tags: string[];
  /** From the image's /etc/os-release; required when there are apt packages (their purls name the distro). */
  os?: OsRelease;
  packages: Package[];
  /** ISO 8601, second precision, Z. */
  timestamp: string;
  gitSha: string;
  toolVersion: string;
  /** urn:uuid:...; a random one by default (CycloneDX wants a new serial number for every BOM). */
  serialNumber?: string;
}

const SOURCE_ORDER: readonly PackageSource[] = ['apt', 'pip', 'R'];

/**
 * A CycloneDX 1.5 SBOM of an image: the image is metadata.component, the OS and every package are components.
 * Components are sorted and keyed by purl so two builds of the same image give diffable SBOMs.
 */
export function cycloneDxSbom(input: SbomInput): CycloneDxBom {
  const imageId = input.imageId.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(imageId))
    throw new Error(`not a podman image id (64 hex digits): ${input.imageId}`);
  const containerRef = `${input.fullImage}@sha256:${imageId}`;

  // Code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...input.packages].sort(
    (a, b) =>
      SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) ||
      compare(a.name, b.name) ||
      compare(a.version, b.version),
  );
  // Two listings of one package (ruamel.yaml and ruamel_yaml, say) share a purl: the first one is kept.
  const seen = new Set<string>();
  const packages: CycloneDxBom['components'] = [];
  for (const pkg of sorted) {
    const purl = packageUrl(pkg, input.os);
    if (seen.has(purl)) continue;
    seen.add(purl);
    packages.push({ type: 'library', 'bom-ref': purl, name: pkg.name, version: pkg.version, purl });
  }

  const os: CycloneDxBom['components'] = [];
  if (input.os !== undefined) {
    const { id, versionId } = input.os;
    // Debian testing has no VERSION_ID: the OS is then named but not versioned.
    os.push(
      versionId === ''
        ? { type: 'operating-system', 'bom-ref': `os:${id}`, name: id }
        : { type: 'operating-system', 'bom-ref': `os:${id}@${versionId}`, name: id, version: versionId },
    );
  }
  const components = [...os, ...packages];
  // Every component here has a bom-ref; the type allows none only for the tool component.
  const refs = components.flatMap((c) => c['bom-ref'] ?? []);

  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: input.serialNumber ?? `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: { components: [{ type: 'application', name: 'stackhook', version: input.toolVersion }] },
      component: {
        type: 'container',
        'bom-ref': containerRef,
        name: input.fullImage,
        version: input.gitSha.slice(0, 12),
        hashes: [{ alg: 'SHA-256', content: imageId }],
        properties: [
          { name: 'stackhook:image', value: input.image },
          { name: 'stackhook:git-sha', value: input.gitSha },
          ...input.tags.map((tag) => ({ name: 'stackhook:tag', value: tag })),
        ],
      },
    },
    components,
    // Flat on purpose: what the image contains is known, which package needs which is not recorded here.
    dependencies: [{ ref: containerRef, dependsOn: refs }],
  };
}
