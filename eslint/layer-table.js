// The layers of ../shared/design.md ("Layers"): a folder may import only the folders of its own line and the lines
// above it. `src/containerfile` (untrusted Containerfiles: parsed as buildah parses them, checked before podman
// sees them) sits with the engine; the map lists `src/cli` and `src/action` together as the entry points.
export const LAYER_TABLE = [
  ['src/errors', 'src/log', 'src/fs'],
  ['src/hierarchy', 'src/git', 'src/records'],
  ['src/engine', 'src/environment', 'src/base-image', 'src/containerfile'],
  ['src/probe', 'src/plugins', 'src/packages', 'src/sbom', 'taggers', 'manifests'],
  ['src/registry', 'src/wiki'],
  ['src/service', 'src/artifacts'],
  ['src/catalog'],
  ['src/registration'],
  ['src/pipeline', 'src/walk', 'src/plan'],
  ['src/commands'],
  ['src/ims', 'src/buildapi'],
  ['src/server'],
  ['src/cli', 'src/action'],
];

/** Folder → its line in the map (1 is the foundation). */
export const LAYER_OF = new Map(
  LAYER_TABLE.flatMap((folders, index) => folders.map((folder) => [folder, index + 1])),
);
