import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { aptPackagesManifest } from './apt-packages.js';
import { condaEnvironmentManifest } from './conda-environment.js';
import { juliaPackagesManifest } from './julia-packages.js';
import { pythonPackagesManifest } from './python-packages.js';
import { rPackagesManifest } from './r-packages.js';
import { sparkInfoManifest } from './spark-info.js';

export { buildInfoManifest } from './build-info.js';

/** Built-in manifest pieces by the name stacks.yaml uses (Build Info is always first and not listed). */
export const BUILTIN_MANIFESTS: ReadonlyMap<string, ManifestPiece> = new Map(
  [
    aptPackagesManifest,
    pythonPackagesManifest,
    rPackagesManifest,
    condaEnvironmentManifest,
    juliaPackagesManifest,
    sparkInfoManifest,
  ].map((piece) => [piece.name, piece]),
);
