import type { Package } from '../records/package.js';
import { validateCycloneDx } from '../../test/support/validate-cyclonedx.js';
import type { CycloneDxBom } from './cyclonedx-bom.js';
import { cycloneDxSbom, type SbomInput } from './cyclonedx-sbom.js';

// Hand-picked from test/fixtures/probe-output/: apt-list-installed.txt (name, version, arch),
// python-distributions.txt and r-installed-packages.txt (name, version).
const APT: [string, string, string][] = [
  ['adduser', '3.134', 'all'],
  ['bsdutils', '1:2.38.1-5+deb12u3', 'amd64'],
  ['debianutils', '5.7-0.5~deb12u1', 'amd64'],
  ['fonts-font-awesome', '5.0.10+really4.7.0~dfsg-4.1', 'all'],
  ['libc6', '2.36-9+deb12u14', 'amd64'],
  ['libgmp10', '2:6.2.1+dfsg1-1.1', 'amd64'],
  ['libjs-jquery', '3.6.1+dfsg+~3.5.14-1', 'all'],
  ['libstdc++6', '12.2.0-14+deb12u1', 'amd64'],
  ['openssl', '3.0.20-1~deb12u2', 'amd64'],
  ['python3-alembic', '1.8.1-2', 'all'],
];
const PIP: [string, string][] = [
  ['alembic', '1.8.1.dev0'],
  ['debugpy', '1.6.3+git20221103.a2a3328'],
  ['Jinja2', '3.1.2'],
  ['jupyter_core', '4.12.0'],
  ['jupyter-telemetry', '0.1.0'],
  ['MarkupSafe', '2.1.2'],
  ['PyJWT', '2.6.0'],
  ['ruamel.yaml', '0.17.21'],
  ['ruamel.yaml.clib', '0.2.7'],
  ['Send2Trash', '1.8.1b0'],
];
const R: [string, string][] = [
  ['base', '4.2.2'],
  ['compiler', '4.2.2'],
  ['datasets', '4.2.2'],
  ['grDevices', '4.2.2'],
  ['graphics', '4.2.2'],
  ['grid', '4.2.2'],
  ['methods', '4.2.2'],
  ['stats', '4.2.2'],
  ['tcltk', '4.2.2'],
  ['utils', '4.2.2'],
];
const PACKAGES: Package[] = [
  ...APT.map(([name, version, architecture]): Package => ({ name, version, source: 'apt', architecture })),
  ...PIP.map(([name, version]): Package => ({ name, version, source: 'pip' })),
  ...R.map(([name, version]): Package => ({ name, version, source: 'R' })),
];

const IMAGE_ID = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
const GIT_SHA = '0123456789abcdef0123456789abcdef01234567';
const SERIAL = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';

const input = (overrides: Partial<SbomInput> = {}): SbomInput => ({
  image: 'base-notebook',
  fullImage: 'quay.io/jupyter/base-notebook',
  imageId: IMAGE_ID,
  tags: ['quay.io/jupyter/base-notebook:x86_64-latest', 'quay.io/jupyter/base-notebook:x86_64-python-3.11.2'],
  os: { id: 'debian', versionId: '12' },
  packages: PACKAGES,
  timestamp: '2025-01-02T03:04:05Z',
  gitSha: GIT_SHA,
  toolVersion: '0.1.0',
  serialNumber: SERIAL,
  ...overrides,
});

const refs = (bom: CycloneDxBom): (string | undefined)[] => bom.components.map((c) => c['bom-ref']);

describe('cycloneDxSbom', () => {
  it.each<[string, Partial<SbomInput>]>([
    ['the image with apt, pip and R packages', {}],
    ['no packages', { packages: [] }],
    ['no OS and no apt packages', { os: undefined, packages: PACKAGES.filter((p) => p.source !== 'apt') }],
    ['an OS without VERSION_ID', { os: { id: 'debian', versionId: '' } }],
    ['no tags', { tags: [] }],
    ['a random serial number', { serialNumber: undefined }],
  ])('is valid CycloneDX 1.5 for %s', (_label, overrides) => {
    expect(validateCycloneDx(cycloneDxSbom(input(overrides)))).toEqual([]);
  });

  it('writes the BOM header and the tool', () => {
    const bom = cycloneDxSbom(input());
    expect(bom).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      serialNumber: SERIAL,
    });
    expect(bom.metadata.timestamp).toBe('2025-01-02T03:04:05Z');
    expect(bom.metadata.tools).toEqual({
      components: [{ type: 'application', name: 'stackhook', version: '0.1.0' }],
    });
  });

  it('draws a new urn:uuid serial number for every BOM by default', () => {
    const [a, b] = [
      cycloneDxSbom(input({ serialNumber: undefined })),
      cycloneDxSbom(input({ serialNumber: undefined })),
    ];
    expect(a.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(b.serialNumber).not.toBe(a.serialNumber);
  });

  it.each([IMAGE_ID, `sha256:${IMAGE_ID}`])(
    'describes the image %s as the container component',
    (imageId) => {
      expect(cycloneDxSbom(input({ imageId })).metadata.component).toEqual({
        type: 'container',
        'bom-ref': `quay.io/jupyter/base-notebook@sha256:${IMAGE_ID}`,
        name: 'quay.io/jupyter/base-notebook',
        version: '0123456789ab',
        hashes: [{ alg: 'SHA-256', content: IMAGE_ID }],
        properties: [
          { name: 'stackhook:image', value: 'base-notebook' },
          { name: 'stackhook:git-sha', value: GIT_SHA },
          { name: 'stackhook:tag', value: 'quay.io/jupyter/base-notebook:x86_64-latest' },
          { name: 'stackhook:tag', value: 'quay.io/jupyter/base-notebook:x86_64-python-3.11.2' },
        ],
      });
    },
  );

  it.each(['', 'f0e1d2c3b4a5', IMAGE_ID.toUpperCase(), `sha512:${IMAGE_ID}`])(
    'rejects the image id %j',
    (imageId) => {
      expect(() => cycloneDxSbom(input({ imageId }))).toThrow(
        `not a podman image id (64 hex digits): ${imageId}`,
      );
    },
  );

  it.each<[string, SbomInput['os'], object | undefined]>([
    [
      'Debian 12',
      { id: 'debian', versionId: '12' },
      { type: 'operating-system', 'bom-ref': 'os:debian@12', name: 'debian', version: '12' },
    ],
    [
      'Debian testing',
      { id: 'debian', versionId: '' },
      { type: 'operating-system', 'bom-ref': 'os:debian', name: 'debian' },
    ],
    ['no OS', undefined, undefined],
  ])('lists the OS first: %s', (_label, os, component) => {
    const bom = cycloneDxSbom(input({ os, packages: [{ name: 'base', version: '4.2.2', source: 'R' }] }));
    expect(bom.components).toEqual([
      ...(component === undefined ? [] : [component]),
      {
        type: 'library',
        'bom-ref': 'pkg:cran/base@4.2.2',
        name: 'base',
        version: '4.2.2',
        purl: 'pkg:cran/base@4.2.2',
      },
    ]);
  });

  it('makes each package a library component keyed by its purl', () => {
    const bom = cycloneDxSbom(input());
    expect(bom.components).toHaveLength(1 + 30);
    expect(bom.components).toContainEqual({
      type: 'library',
      'bom-ref': 'pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12',
      name: 'bsdutils',
      version: '1:2.38.1-5+deb12u3',
      purl: 'pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12',
    });
    expect(bom.components).toContainEqual({
      type: 'library',
      'bom-ref': 'pkg:pypi/ruamel-yaml-clib@0.2.7',
      name: 'ruamel.yaml.clib',
      version: '0.2.7',
      purl: 'pkg:pypi/ruamel-yaml-clib@0.2.7',
    });
    expect(new Set(refs(bom)).size).toBe(bom.components.length);
  });

  it('sorts by source (apt, pip, R), then name and version by code unit, whatever the input order', () => {
    const packages: Package[] = [
      { name: 'utils', version: '4.2.2', source: 'R' },
      { name: 'alembic', version: '1.8.1.dev0', source: 'pip' },
      { name: 'grid', version: '4.2.2', source: 'R' },
      { name: 'openssl', version: '3.0.20-1~deb12u2', source: 'apt', architecture: 'amd64' },
      { name: 'Jinja2', version: '3.1.2', source: 'pip' },
      { name: 'alembic', version: '1.10.0', source: 'pip' },
      { name: 'adduser', version: '3.134', source: 'apt', architecture: 'all' },
      { name: 'grDevices', version: '4.2.2', source: 'R' },
    ];
    const expected = [
      'os:debian@12',
      'pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12',
      'pkg:deb/debian/openssl@3.0.20-1~deb12u2?arch=amd64&distro=debian-12',
      'pkg:pypi/jinja2@3.1.2',
      'pkg:pypi/alembic@1.10.0',
      'pkg:pypi/alembic@1.8.1.dev0',
      'pkg:cran/grDevices@4.2.2',
      'pkg:cran/grid@4.2.2',
      'pkg:cran/utils@4.2.2',
    ];
    expect(refs(cycloneDxSbom(input({ packages })))).toEqual(expected);
    expect(refs(cycloneDxSbom(input({ packages: [...packages].reverse() })))).toEqual(expected);
  });

  it('gives the same BOM for the same input', () => {
    const reversed = input({ packages: [...PACKAGES].reverse() });
    expect(JSON.stringify(cycloneDxSbom(reversed))).toBe(JSON.stringify(cycloneDxSbom(input())));
  });

  it.each<[string, Package[], string[]]>([
    [
      'the same package listed twice',
      [
        { name: 'adduser', version: '3.134', source: 'apt', architecture: 'all' },
        { name: 'adduser', version: '3.134', source: 'apt', architecture: 'all' },
      ],
      ['adduser'],
    ],
    [
      'two spellings of one pip name (the first in sort order is kept)',
      [
        { name: 'ruamel_yaml', version: '0.17.21', source: 'pip' },
        { name: 'ruamel.yaml', version: '0.17.21', source: 'pip' },
      ],
      ['ruamel.yaml'],
    ],
    [
      'one name at two versions (both kept)',
      [
        { name: 'six', version: '1.16.0', source: 'pip' },
        { name: 'six', version: '1.15.0', source: 'pip' },
      ],
      ['six', 'six'],
    ],
    [
      'one name on two architectures (both kept)',
      [
        { name: 'libc6', version: '2.36-9', source: 'apt', architecture: 'amd64' },
        { name: 'libc6', version: '2.36-9', source: 'apt', architecture: 'i386' },
      ],
      ['libc6', 'libc6'],
    ],
  ])('drops duplicate purls: %s', (_label, packages, names) => {
    const bom = cycloneDxSbom(input({ os: { id: 'debian', versionId: '12' }, packages }));
    expect(bom.components.slice(1).map((c) => c.name)).toEqual(names);
    expect(validateCycloneDx(bom)).toEqual([]);
  });

  it('makes the container depend on every component, flat', () => {
    const bom = cycloneDxSbom(input());
    expect(bom.dependencies).toEqual([{ ref: bom.metadata.component['bom-ref'], dependsOn: refs(bom) }]);
  });
});

describe('validateCycloneDx', () => {
  /** The realistic BOM with the value at a JSON pointer replaced (deleted when undefined). */
  const broken = (pointer: string, value: unknown): unknown => {
    const bom = structuredClone(cycloneDxSbom(input())) as unknown as Record<string, unknown>;
    const keys = pointer.split('/').slice(1);
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, bom);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return bom;
  };

  // Each case breaks one rule, and the error must say where: a validator that passes everything fails here.
  it.each<[string, string, unknown, string]>([
    [
      'a component without name',
      '/components/1/name',
      undefined,
      "/components/1 must have required property 'name'",
    ],
    [
      'a hash that is not hex',
      '/metadata/component/hashes/0/content',
      'z'.repeat(64),
      '/metadata/component/hashes/0/content must match pattern',
    ],
    [
      'a hash of the wrong length',
      '/metadata/component/hashes/0/content',
      'abc123',
      '/metadata/component/hashes/0/content must match pattern',
    ],
    [
      'an unknown hash algorithm',
      '/metadata/component/hashes/0/alg',
      'sha256',
      '/metadata/component/hashes/0/alg must be equal to one of the allowed values',
    ],
    [
      'an unknown component type',
      '/components/2/type',
      'package',
      '/components/2/type must be equal to one of the allowed values',
    ],
    [
      'an empty bom-ref',
      '/components/1/bom-ref',
      '',
      '/components/1/bom-ref must NOT have fewer than 1 characters',
    ],
    [
      'a serial number that is not a urn:uuid',
      '/serialNumber',
      'uuid:1234',
      '/serialNumber must match pattern',
    ],
    [
      'a timestamp that is not a date-time',
      '/metadata/timestamp',
      '2025-01-02 03:04',
      '/metadata/timestamp must match format "date-time"',
    ],
    ['another bomFormat', '/bomFormat', 'SPDX', '/bomFormat must be equal to one of the allowed values'],
    [
      'an unknown top-level property',
      '/extra',
      true,
      '/ must NOT have additional properties {"additionalProperty":"extra"}',
    ],
    [
      'a licence id SPDX does not know (spdx schema)',
      '/components/1/licenses',
      [{ license: { id: 'Not-A-Licence' } }],
      '/components/1/licenses/0/license/id must be equal to one of the allowed values {}',
    ],
    [
      'a signature without value (jsf schema)',
      '/signature',
      { algorithm: 'RS256' },
      "/signature must have required property 'value'",
    ],
    [
      'a URL with spaces (iri-reference)',
      '/components/1/externalReferences',
      [{ type: 'website', url: 'not a url' }],
      '/components/1/externalReferences/0/url must match format "iri-reference"',
    ],
  ])('reports %s', (_label, pointer, value, error) => {
    expect(validateCycloneDx(broken(pointer, value))).toContainEqual(expect.stringContaining(error));
  });
});
