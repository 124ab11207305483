import path from 'node:path';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import type { ManifestPiece } from '../probe/manifest-piece.js';
import type { Tagger } from '../probe/tagger.js';
import type { ProbeSet } from '../probe/probe-set.js';
import { aptPackageTagger, pipPackageTagger } from '../../taggers/index.js';
import { commandManifest } from './command-manifest.js';
import { loadPluginExport } from './load-plugin-export.js';
import { asPlugin } from './plugin-shape.js';
import { regexTagger } from './regex-tagger.js';

/** The built-in probes plus the taggers and manifest pieces the hierarchy file defines (plugins imported). */
export async function loadProbeSet(hierarchy: Hierarchy, builtins: ProbeSet): Promise<ProbeSet> {
  const taggers = new Map<string, Tagger>(builtins.taggers);
  for (const { name, definition, subject } of hierarchy.taggerDefinitions.values()) {
    const { optional, prefix } = definition;
    if (definition.pip !== undefined) {
      const { keepLocalVersion } = definition;
      taggers.set(
        name,
        pipPackageTagger({ name, package: definition.pip, prefix, keepLocalVersion, optional }),
      );
    } else if (definition.apt !== undefined) {
      const { version } = definition;
      taggers.set(name, aptPackageTagger({ name, package: definition.apt, prefix, version, optional }));
    } else if (definition.command !== undefined) {
      taggers.set(name, regexTagger(name, definition));
    } else {
      const file = path.resolve(hierarchy.rootDir, definition.module!);
      const exported = await loadPluginExport(file, definition.export ?? 'default', subject);
      taggers.set(name, asPlugin<Tagger>(exported, 'tagger', name, file, subject, definition.options));
    }
  }
  const manifests = new Map<string, ManifestPiece>(builtins.manifests);
  for (const { name, definition, subject } of hierarchy.manifestDefinitions.values()) {
    if (definition.commands !== undefined) {
      manifests.set(name, commandManifest(name, definition));
      continue;
    }
    const file = path.resolve(hierarchy.rootDir, definition.module!);
    const exported = await loadPluginExport(file, definition.export ?? 'default', subject);
    manifests.set(
      name,
      asPlugin<ManifestPiece>(exported, 'manifest piece', name, file, subject, definition.options),
    );
  }
  return { ...builtins, taggers, manifests };
}
