import { swTagImageTag } from '../catalog/image-reference.js';
import { toAmi } from '../catalog/routes/ami-names.js';
import { addImageBody } from '../catalog/routes/image-schemas.js';
import { stageError } from '../errors/stackhook-error.js';
import type { InheritedSwTag } from '../hierarchy/swtag-mapping-field.js';
import type { Log } from '../log/log.js';
import type { BuildRecord } from '../records/build-record.js';
import type { PushedImage } from '../records/pushed-image.js';
import type { RegistryClient } from '../registry/registry-client.js';
import type { RegistryTarget } from '../registry/registry-target.js';
import type { CatalogWriter } from './catalog-writer.js';
import type { SwTagContext } from './fill-swtag-fields.js';
import type { RegisteredImage, RegisteredPublication } from '../records/registered-image.js';

/** AddImage's schema without the SW-Tag, which is the catalog's to name. */
const PUBLICATION = {
  ...addImageBody,
  required: addImageBody.required.filter((field) => field !== 'REPOSITORY_SWTAG'),
};

export interface RegisterRequest {
  log: Log;
  record: BuildRecord;
  /** The push stage's record: the digest each registry holds the image at. */
  pushed: PushedImage;
  targets: readonly RegistryTarget[];
  swtag: InheritedSwTag;
  context: SwTagContext;
  writer: CatalogWriter;
  /** A registry API client per target host (with push rights), to read and write `<swtag>-<counter>`. */
  registryClient: (host: string) => Promise<RegistryClient>;
  signal?: AbortSignal;
}

/**
 * Registers a pushed image: finds or creates its SW-Tag from the mapping, adds the image (per registry, with
 * the digest the push gave) and tags that digest `<swtag>-<counter>` there. The catalog is idempotent and the reference
 * is left alone when it already points at this digest, so a rerun changes nothing; a reference that points at
 * another digest is never moved (the catalog and the registry disagree: someone must look).
 */
export async function registerStage(request: RegisterRequest): Promise<RegisteredImage> {
  const started = performance.now();
  const { record, writer, log, signal } = request;
  // Loaded here: the catalog's field checks bring ajv, ~0.1 s to load on every hook and walk, most never register.
  const [{ fillSwTagFields }, { invalidFields }] = await Promise.all([
    import('./fill-swtag-fields.js'),
    import('../catalog/invalid-fields.js'),
  ]);
  const fields = fillSwTagFields(request.swtag, record, request.context);
  // Every publication is found and checked against the catalog's grammar before anything is written: a bad one
  // leaves no SW-Tag or image behind.
  const planned = request.targets.map((target) => {
    const repository = `${target.owner}/${record.image}`;
    const digest = request.pushed.references.find((reference) =>
      reference.reference.startsWith(`${target.host}/${repository}:`),
    )?.digest;
    if (!digest)
      throw stageError(
        `no push of ${record.image} to ${target.host}/${repository} to register`,
        record.image,
      );
    const publication = {
      registry: target.host,
      repository_user: target.owner,
      repository_name: record.image,
      hash_digest: digest,
    };
    const invalid = invalidFields(
      PUBLICATION,
      toAmi(publication),
      `${record.image} in ${target.host}/${repository}`,
    );
    if (invalid) throw invalid;
    return { target, repository, digest, publication };
  });
  const { tagname, created } = await writer.addSwTag(fields, signal);
  log.info(`${record.image}: SW-Tag ${tagname}${created ? ' created' : ''}`);
  const publications: RegisteredPublication[] = [];
  for (const { target, repository, digest, publication } of planned) {
    const image = await writer.addImage({ ...publication, repository_swtag: tagname }, signal);
    const tag = swTagImageTag(tagname, image.counter);
    const destination = `${target.host}/${repository}:${tag}`;
    const client = await request.registryClient(target.host);
    const existing = await client.digest(repository, tag, signal);
    if (existing !== undefined && existing !== digest) {
      throw stageError(
        `${destination} already points at ${existing}, not at ${digest} as the catalog says (image ${image.id}): not moving a published SW-Tag reference`,
        record.image,
      );
    }
    // Tagged in the registry from the digest the push gave: the reference can't end up at any other one.
    if (existing === undefined) await client.tagDigest(repository, digest, tag, signal);
    log.info(
      `${record.image}: ${destination}${image.created ? ' registered' : ' already registered'}${existing ? '' : ' and tagged'}`,
    );
    publications.push({
      registry: target.host,
      owner: target.owner,
      reference: destination,
      digest,
      imageId: image.id,
      counter: image.counter,
      added: image.created,
      pushed: existing === undefined,
    });
  }
  return {
    image: record.image,
    swtag: tagname,
    swtagCreated: created,
    fields,
    publications,
    durationMs: performance.now() - started,
  };
}
