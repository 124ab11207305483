import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// The published schemas ship in @cyclonedx/cyclonedx-library (a devDependency, hence test support). res/ is
// not in the package's exports, so it is found next to its package.json.
const SCHEMA_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema',
);

// The bom schema ($id .../bom-1.5.schema.json) refers to "spdx.SNAPSHOT.schema.json" and
// "jsf-0.82.SNAPSHOT.schema.json", while those files' own $ids lack ".SNAPSHOT": they are registered under
// the URLs the relative refs resolve to.
const REFERENCED = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
};

let validate: ValidateFunction | undefined;

/** Errors of `bom` against the published CycloneDX 1.5 JSON schema ("<JSON pointer> <message> <params>"). */
export function validateCycloneDx(bom: unknown): string[] {
  validate ??= compile();
  if (validate(bom)) return [];
  return (validate.errors ?? []).map((error) => {
    // An enum's allowedValues is the whole SPDX licence list: too long to be read.
    const { allowedValues: _allowed, ...params } = error.params as Record<string, unknown>;
    return `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(params)}`;
  });
}

function compile(): ValidateFunction {
  const load = (file: string): object =>
    JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as object;
  // The default Ajv class is draft-07, the schemas' dialect. Ajv's default strict mode stays on; the SPDX
  // schema's "meta:enum" (a description per licence id) is declared as an annotation-only keyword instead.
  const ajv = new Ajv({ allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, whose .default is the plugin.
  addFormats.default(ajv);
  ajv.addKeyword('meta:enum');
  // ajv-formats has neither draft 2019's idn-email nor iri-reference (unknown formats fail compilation):
  // lenient approximations, enough to reject whitespace or a missing "@".
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addFormat('iri-reference', /^[^\s<>"{}|\\^`]*$/u);
  for (const [id, file] of Object.entries(REFERENCED)) ajv.addSchema(load(file), id);
  return ajv.compile(load('bom-1.5.SNAPSHOT.schema.json'));
}
