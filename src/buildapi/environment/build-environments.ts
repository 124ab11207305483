import { inputError } from '../../errors/stackhook-error.js';
import { PLATFORMS, type Platform } from '../../hierarchy/platform.js';
import { NOARCH, type BuildEnvironment } from './build-environment.js';

/**
 * The architectures the build API knows: the platforms, `noarch`, and the environments of `serve --build-envs`.
 * An unknown name is a 400 naming the field and listing the known ones.
 */
export class BuildEnvironments {
  private readonly byName = new Map<string, BuildEnvironment>();

  constructor(declared: readonly BuildEnvironment[] = []) {
    for (const platform of Object.keys(PLATFORMS) as Platform[])
      this.byName.set(platform, { name: platform, platform, aliases: [] });
    this.byName.set(NOARCH, { name: NOARCH, aliases: [] });
    for (const environment of declared) this.byName.set(environment.name, environment);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The environment `name` names; unknown is bad input naming `field`. */
  resolve(name: string, field: string): BuildEnvironment {
    const found = this.byName.get(name);
    if (!found)
      throw inputError(
        `${field}: unknown architecture or build environment "${name}" (known: ${this.names().join(', ')})`,
        field,
      );
    return found;
  }

  /** The builder images of the declared environments: what untrusted builds may start FROM besides the rest. */
  images(): string[] {
    return [...this.byName.values()].flatMap(({ image }) => (image ? [image] : []));
  }

  /**
   * The declared image a FROM reference stands for: one of an environment's aliases, or `<registry>/<name>-env`
   * (tag `latest` or none), as ad-build's generated Dockerfiles write it, whatever the registry (their scripts
   * name two). Never pulled: the reference is replaced by the declared image before anything builds.
   */
  imageForReference(reference: string): string | undefined {
    for (const { image, aliases } of this.byName.values())
      if (image && aliases.includes(reference)) return image;
    // In capitals too, as their scripts write an environment their backend names so (RHEL7-env).
    const match = /^(?:[^/\s]+\/)+([A-Za-z0-9._-]+)-env(?::latest)?$/.exec(reference);
    const environment = match ? this.byName.get(match[1]!.toLowerCase()) : undefined;
    return environment?.image;
  }
}
