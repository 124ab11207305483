import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { debootstrapImage, debootstrapReference } from '../../base-image/debootstrap.js';
import { checkBuildContext, prepareUntrustedBuild } from '../../containerfile/untrusted-build.js';
import type { ImageAllowList } from '../../containerfile/image-allow-list.js';
import type { Engine } from '../../engine/engine.js';
import { hostPlatform, ociPlatform } from '../../hierarchy/platform.js';
import { inputError } from '../../errors/stackhook-error.js';
import type { Log } from '../../log/log.js';
import type { RecipeRecord } from '../recipe-repository.js';
import { debootstrapTemplate } from '../debootstrap-template.js';
import { pathExists } from '../../fs/path-exists.js';
import { isRegularFile } from '../../fs/is-regular-file.js';

/**
 * Builds a recipe's root as a local image tagged `tag`, from the recipe's extracted archive in `recipeDir`.
 * `debootstrap`: the suite's debootstrap root (made once, then reused), the template's `packages` installed
 * (Debian package names only: they go into a RUN line) and the archive's `scripts/*.sh` run in order. Every
 * template value is checked (debootstrapTemplate) before it reaches an argv, a tag or a RUN line.
 * `containerfile`: the archive's Containerfile (or Dockerfile) with the archive as context, refused unless it
 * passes the Containerfile policy (checkContainerfile: no RUN --mount ...; FROM only `baseImages`).
 */
export async function buildRecipeImage(request: {
  engine: Engine;
  log: Log;
  recipe: RecipeRecord;
  recipeDir: string;
  tag: string;
  /** What a containerfile recipe's FROM and COPY --from may name besides earlier stages. */
  baseImages: ImageAllowList;
  onOutput: (chunk: string) => void;
  signal?: AbortSignal;
}): Promise<void> {
  const { engine, recipe, recipeDir } = request;
  let dockerfile: string;
  if (recipe.recipe_type === 'debootstrap') {
    // Checked again here, before any engine call: a recipe stored before these rules, or by another path.
    const { packages, ...spec } = debootstrapTemplate(recipe.template_dictionary, `recipe ${recipe.id}`);
    const base = debootstrapReference(spec);
    if (!(await engine.inspectImage(base))) await debootstrapImage(engine, spec, request.log);
    const hasScripts = await pathExists(path.join(recipeDir, 'scripts'));
    const lines = [`FROM ${base}`];
    if (packages.length > 0) {
      lines.push(
        `RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`,
      );
    }
    if (hasScripts) {
      lines.push(
        'COPY scripts/ /tmp/ims-scripts/',
        'RUN for script in /tmp/ims-scripts/*.sh; do sh "$script" || exit 1; done; rm -rf /tmp/ims-scripts',
      );
    }
    await mkdir(recipeDir, { recursive: true });
    await checkBuildContext(recipeDir, `recipe ${recipe.id}`);
    // Beside the archive's folder, not in it: a link the archive put there would take this write elsewhere.
    dockerfile = `${recipeDir}.Containerfile`;
    await writeFile(dockerfile, `${lines.join('\n')}\n`, { flag: 'wx' });
  } else {
    const candidates = ['Containerfile', 'Dockerfile'].map((name) => path.join(recipeDir, name));
    const found = [];
    // Regular files only: a link in the archive could make podman read a file of the service's machine.
    for (const candidate of candidates) if (await isRegularFile(candidate)) found.push(candidate);
    if (!found[0])
      throw inputError(
        'the recipe archive has no Containerfile or Dockerfile at its top',
        `recipe ${recipe.id}`,
      );
    dockerfile = `${recipeDir}.Containerfile`;
    await prepareUntrustedBuild({
      containerfile: found[0],
      contextDir: recipeDir,
      target: dockerfile,
      subject: `recipe ${recipe.id} ${path.basename(found[0])}`,
      images: request.baseImages,
    });
  }
  await engine.build({
    subject: `recipe ${recipe.name}`,
    contextDir: recipeDir,
    dockerfile,
    tag: request.tag,
    buildArgs: {},
    labels: { 'io.stackhook.ims.recipe': recipe.id },
    platform: ociPlatform(hostPlatform()),
    signal: request.signal,
    onOutput: request.onOutput,
  });
}
