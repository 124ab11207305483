import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { injectAs } from './inject-as.js';

const add = `AddSWTag -TAGTYPE="container" -IMAGETYPE="analysis" -IMAGEARCH="x86_64" -IMAGEPLATFORM="el9" -IMAGECOMPILER="gcc13" -PRODSTEP="reco" -SWRELEASE="Athena-24.0.1" -DBRELEASE="current" -DISTSWRELEASE="default" -VERSION="1"`;
const digest = `sha256:${'a'.repeat(64)}`;

describe.each(CATALOG_DATABASES)('POST /ami/command on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let admin: string;
  // Every request as an admin; the auth tests (auth.int.test.ts) try the other keys.
  const inject = injectAs(
    () => app,
    () => admin,
  );
  const ami = (Command: string, Converter = 'json', form = false) =>
    inject({
      method: 'POST',
      url: '/ami/command',
      ...(form
        ? {
            payload: new URLSearchParams({ Command, Converter }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }
        : { payload: { Command, Converter } }),
    });
  const fields = (response: { json: () => unknown }) =>
    (
      response.json() as {
        AMIMessage: { Result: { rowset: { row: { field: { '@name': string; $: string }[] }[] }[] } };
      }
    ).AMIMessage.Result.rowset[0]!.row.map((row) =>
      Object.fromEntries(row.field.map((field) => [field['@name'], field.$])),
    );

  beforeAll(async () => {
    database = await open();
    admin = await createApiKey(database.db, 'alice', 'admin');
    app = await buildServiceApp({ db: database.db });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('AddSWTag, then GetSWTagInfo and GetAMITagInfo give the same tag', async () => {
    expect(fields(await ami(add))[0]).toMatchObject({ TAGNAME: 'sw1', SWRELEASE: 'Athena-24.0.1' });
    const bySwTag = fields(await ami('GetSWTagInfo -swTag="sw1"'));
    expect(fields(await ami('GetAMITagInfo -amiTag="sw1"'))).toEqual(bySwTag);
    expect(fields(await ami('GetSWTagInfo -amiTag=sw1'))).toEqual(bySwTag);
  });

  it('AddImage, ListImagesForSWTag, UpdateImage, GetImageInfo, DellImage; form posts work too', async () => {
    const added = fields(
      await ami(
        `AddImage -REGISTRY="r.example.org" -REPOSITORY_USER="atlas" -REPOSITORY_NAME="athena" -REPOSITORY_SWTAG="sw1" -HASH_DIGEST="${digest}"`,
        'json',
        true,
      ),
    );
    expect(added[0]).toMatchObject({ REPOSITORY_COUNTER: '0', HASH_DIGEST: digest });
    expect(fields(await ami('ListImagesForSWTag -swTag="sw1"'))).toHaveLength(1);
    const id = added[0]!.ID;
    const other = `sha256:${'b'.repeat(64)}`;
    expect(fields(await ami(`UpdateImage -id="${id}" -HASH_DIGEST="${other}"`))[0]!.HASH_DIGEST).toBe(other);
    expect(fields(await ami(`GetImageInfo -id=${id}`))[0]!.HASH_DIGEST).toBe(other);
    expect(fields(await ami(`DellImage -id=${id}`))[0]!.ID).toBe(id);
    expect((await ami(`GetImageInfo -id=${id}`)).statusCode).toBe(404);
  });

  it('answers in xml, text and csv', async () => {
    const xml = await ami('GetSWTagInfo -swTag="sw1"', 'xml');
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.body).toContain('<field name="TAGNAME">sw1</field>');
    expect((await ami('GetSWTagInfo -swTag="sw1"', 'text')).body).toContain('TAGNAME = sw1\n');
    expect((await ami('SearchSWTags -IMAGEARCH="x86_64"', 'csv')).body).toMatch(
      /^ID,TAGTYPE,TAGNUMBER,TAGNAME,.*,TOTAL\r\n1,container,1,sw1,/,
    );
  });

  it('answers bad commands with problem details', async () => {
    for (const [command, status, detail] of [
      ['FlyToMoon', 400, 'unknown command FlyToMoon'],
      ['GetSWTagInfo', 400, 'GetSWTagInfo needs -swTag or -amiTag'],
      ['GetSWTagInfo -swTag="sw77"', 404, 'no SW-Tag sw77'],
      ['SearchSWTags -COLOUR=blue', 400, '-COLOUR is not a field'],
    ] as const) {
      const response = await ami(command);
      expect(response.statusCode).toBe(status);
      expect(response.json().detail).toContain(detail);
    }
    expect((await ami('GetSWTagInfo -swTag=sw1', 'yaml')).statusCode).toBe(400);
  });
});
