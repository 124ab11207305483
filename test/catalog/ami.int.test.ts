import type { FastifyInstance } from 'fastify';
import { createApiKey, listApiKeys } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { amiErrorText } from './ami-error-text.js';
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
        AMIMessage: { Result: { rowset: { row: { field: { '@name': string; $: string }[] }[] }[] }[] }[];
      }
    ).AMIMessage[0]!.Result[0]!.rowset[0]!.row.map((row) =>
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
    expect((await ami('GetSWTagInfo -swTag="sw1"', 'text')).body).toContain('    -> TAGNAME = "sw1"\n');
    expect((await ami('SearchSWTags -IMAGEARCH="x86_64"', 'csv')).body).toMatch(
      /^ID,TAGTYPE,TAGNUMBER,TAGNAME,.*,TOTAL\r\n1,container,1,sw1,/,
    );
  });

  it('answers bad commands with AMI errors (JSON: AMIMessage[0].error[0].$), the status kept', async () => {
    for (const [command, status, detail] of [
      ['FlyToMoon', 400, 'unknown command FlyToMoon'],
      ['GetSWTagInfo', 400, 'GetSWTagInfo needs -swTag or -amiTag'],
      ['GetSWTagInfo -swTag="sw77"', 404, 'no SW-Tag sw77'],
      ['SearchSWTags -COLOUR=blue', 400, '-COLOUR is not a field'],
    ] as const) {
      const response = await ami(command);
      expect(response.statusCode).toBe(status);
      expect(amiErrorText(response)).toContain(detail);
    }
    expect((await ami('GetSWTagInfo -swTag=sw1', 'yaml')).statusCode).toBe(400);
  });

  // What pyAMI sends: a form to /AMI/FrontEnd or /AMI2/FrontEnd, its Converter names, credentials in the command.
  const pyami = (url: string, Command: string, Converter = '', headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams({ Command, Converter }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it("answers pyAMI's converters at its endpoints, errors in each format's AMI shape", async () => {
    const xml = await pyami('/AMI2/FrontEnd', 'GetSWTagInfo -swTag="sw1"');
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.body).toContain('<field name="TAGNAME">sw1</field>');
    expect((await pyami('/AMI/FrontEnd', 'GetSWTagInfo -swTag="sw1"', 'AMIXmlToXml.xsl')).body).toBe(
      xml.body,
    );
    const json = await pyami('/AMI/FrontEnd', 'GetSWTagInfo -swTag="sw1"', 'AMIXmlToJson.xsl');
    expect(fields(json)[0]).toMatchObject({ TAGNAME: 'sw1' });
    const text = await pyami('/AMI/FrontEnd', 'GetSWTagInfo -swTag="sw1"', 'AMIXmlToText.xsl');
    expect(text.body).toMatch(/^#AMI Result\n\nRowset: SWTAG\n {2}-> row\n {4}-> ID = "1"\n/);
    expect((await pyami('/AMI/FrontEnd', 'GetSWTagInfo -swTag="sw1"', 'AMIXmlToCsv.xsl')).body).toMatch(
      /^ID,/,
    );
    const missing = await pyami('/AMI2/FrontEnd', 'GetSWTagInfo -swTag="sw404"');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<error>no SW-Tag sw404</error>');
    const missingText = await pyami('/AMI2/FrontEnd', 'GetSWTagInfo -swTag="sw404"', 'AMIXmlToText.xsl');
    expect(missingText.body).toBe('#AMI Result\n\nError: no SW-Tag sw404\n#\n');
    // An unknown command says so to anyone, before any key is asked for.
    const unknown = await pyami('/AMI/FrontEnd', 'FlyToMoon -speed="c"');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<error>unknown command FlyToMoon (GetSWTagInfo, ');
    const searched = await pyami(
      '/AMI/FrontEnd',
      'SearchSWTags -imageArch="x86_64" -limit="1"',
      'AMIXmlToJson.xsl',
    );
    expect(fields(searched)).toEqual([
      expect.objectContaining({ TAGNAME: 'sw1', TOTAL: expect.any(String) }),
    ]);
    const badConverter = await pyami('/AMI/FrontEnd', 'GetSWTagInfo -swTag="sw1"', 'AMIXmlToYaml.xsl');
    expect(badConverter.statusCode).toBe(400);
    expect(amiErrorText(badConverter)).toContain('Converter');
  });

  it('takes -AMIUser/-AMIPass: the key must be the user’s; GetUserInfo starts a session pyAMI sends back', async () => {
    const writer = await createApiKey(database.db, 'wendy', 'writer');
    const as = (user: string, key: string) => ` -AMIUser="${user}" -AMIPass="${key}"`;
    const comment = await pyami(
      '/AMI/FrontEnd',
      `UpdateSWTag -tagName="sw1" -comment="by wendy"${as('wendy', writer)}`,
    );
    expect(comment.statusCode).toBe(200);
    expect(comment.body).toContain('<field name="MODIFIEDBY">wendy</field>');
    for (const [user, key] of [
      ['wendy', `${writer.slice(0, -4)}AAAA`],
      ['alice', writer],
      ['wendy', ''],
    ]) {
      const refused = await pyami('/AMI/FrontEnd', `GetSWTagInfo -swTag="sw1"${as(user!, key!)}`);
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('<error>wrong -AMIUser or -AMIPass');
      expect(refused.body).not.toContain(writer);
    }
    const info = await pyami(
      '/AMI/FrontEnd',
      `GetUserInfo -amiLogin="wendy"${as('wendy', writer)}`,
      'AMIXmlToJson.xsl',
    );
    expect(fields(info)).toEqual([
      { AMIUser: 'wendy', firstName: 'wendy', lastName: '', mail: '', role: 'writer' },
    ]);
    const cookie = String(info.headers['set-cookie']);
    expect(cookie).toMatch(/^stackhook_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    // pyAMI sends back the Set-Cookie header as it came, attributes and all.
    const bySession = await pyami('/AMI/FrontEnd', 'UpdateSWTag -tagName="sw1" -comment="session"', '', {
      cookie,
    });
    expect(bySession.body).toContain('<field name="MODIFIEDBY">wendy</field>');
    expect((await pyami('/AMI/FrontEnd', 'UpdateSWTag -tagName="sw1" -comment="anonymous"')).statusCode).toBe(
      401,
    );
    // A session renews only from the key: GetUserInfo by its cookie alone starts none (else it never ends).
    const renewed = await pyami('/AMI/FrontEnd', 'GetUserInfo', 'AMIXmlToJson.xsl', { cookie });
    expect(fields(renewed)).toEqual([expect.objectContaining({ AMIUser: 'wendy' })]);
    expect(renewed.headers['set-cookie']).toBeUndefined();
    const reader = await createApiKey(database.db, 'rita', 'reader');
    // A key sent under another user's name is refused without being marked used.
    expect((await pyami('/AMI/FrontEnd', `GetSWTagInfo -swTag="sw1"${as('wendy', reader)}`)).statusCode).toBe(
      401,
    );
    expect((await listApiKeys(database.db)).find((key) => key.username === 'rita')?.lastUsed).toBeFalsy();
    const denied = await pyami('/AMI/FrontEnd', `DellImage -id="1"${as('rita', reader)}`, 'AMIXmlToText.xsl');
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toBe('#AMI Result\n\nError: rita is a reader; this needs admin\n#\n');
  });

  it("takes the SW-Tag document's spellings; -tagType defaults to container, or to what the service says", async () => {
    const seed =
      'AddSWTag -imageType="sim" -imageArch="aarch64" -imagePlatform="el9" -imageCompiler="gcc13" -prodstep="evgen" ' +
      '-swRelease="AthSimulation 24.0.2" -dbRelease="current" -distRelease="default" -version="1"';
    expect(fields(await ami(seed))[0]).toMatchObject({
      TAGTYPE: 'container',
      DISTSWRELEASE: 'default',
      PRODSTEP: 'evgen',
    });
    const configured = await buildServiceApp({ db: database.db, defaultTagType: 'image' });
    try {
      const added = await configured.inject({
        method: 'POST',
        url: '/ami/command',
        payload: { Command: seed.replace('-version="1"', '-version="2"'), Converter: 'json' },
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(fields(added)[0]).toMatchObject({ TAGTYPE: 'image', VERSION: '2' });
    } finally {
      await configured.close();
    }
    const tag = fields(await ami(seed))[0]!.TAGNAME!;
    const updated = await ami(`UpdateSWTag -tagName="${tag}" -distRelease="python-3.12" -DBRELEASE="next"`);
    expect(fields(updated)[0]).toMatchObject({ DISTSWRELEASE: 'python-3.12', DBRELEASE: 'next' });
    const unknown = await ami(`UpdateSWTag -tagName="${tag}" -colour="blue"`);
    expect(unknown.statusCode).toBe(400);
    expect(amiErrorText(unknown)).toMatch(
      /-colour is not a field UpdateSWTag takes \(it takes -swTag .*-distRelease, -version, -comment\)/,
    );
    const twice = await ami(`UpdateSWTag -tagName="${tag}" -distRelease="a" -DISTSWRELEASE="b"`);
    expect(amiErrorText(twice)).toContain('-distRelease and -DISTSWRELEASE both give DISTSWRELEASE');
  });

  it('UpdateImage takes every image field: the digest changes, the publication and counter only stay', async () => {
    const publication =
      '-registry="r.example.org" -repositoryUser="atlas" -repositoryName="reco" -repositorySWTag="sw1"';
    const [image] = fields(await ami(`AddImage ${publication} -hashDigest="${digest}"`));
    expect(image).toMatchObject({ REPOSITORY_COUNTER: '0', REPOSITORY_NAME: 'reco' });
    // A counter the catalog would not give is refused, and nothing is written.
    const counted = await ami(
      `AddImage ${publication} -repositoryCounter="5" -hashDigest="sha256:${'c'.repeat(64)}"`,
    );
    expect(counted.statusCode).toBe(409);
    expect(amiErrorText(counted)).toContain('REPOSITORY_COUNTER 5 is not this publication');
    expect(
      fields(
        await ami(`AddImage ${publication} -repositoryCounter="1" -hashDigest="sha256:${'c'.repeat(64)}"`),
      )[0],
    ).toMatchObject({ REPOSITORY_COUNTER: '1' });
    const other = `sha256:${'d'.repeat(64)}`;
    const same = await ami(
      `UpdateImage -id="${image!.ID}" ${publication} -repositoryCounter="0" -hashDigest="${other}"`,
    );
    expect(fields(same)[0]).toMatchObject({ HASH_DIGEST: other, REPOSITORY_COUNTER: '0' });
    for (const change of ['-registry="q.example.org"', '-repositoryName="other"', '-repositoryCounter="7"']) {
      const refused = await ami(`UpdateImage -id="${image!.ID}" ${change}`);
      expect(refused.statusCode).toBe(409);
      expect(amiErrorText(refused)).toContain(`was published as r.example.org/atlas/reco:sw1-0`);
    }
    const unknown = await ami(`UpdateImage -id="${image!.ID}" -tagName="sw2"`);
    expect(amiErrorText(unknown)).toMatch(
      /-tagName is not a field UpdateImage takes \(it takes -id, -registry/,
    );
  });

  it('when reads need a key, takes -AMIUser/-AMIPass too, and refuses a command with no credential first', async () => {
    const closed = await buildServiceApp({ db: database.db, readsNeedKey: true });
    try {
      const send = (Command: string) =>
        closed.inject({
          method: 'POST',
          url: '/AMI/FrontEnd',
          payload: new URLSearchParams({ Command, Converter: '' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      expect((await send(`GetSWTagInfo -swTag="sw1" -AMIUser="alice" -AMIPass="${admin}"`)).statusCode).toBe(
        200,
      );
      const anonymous = await send('GetSWTagInfo -swTag="sw1"');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).toContain('<error>a reader API key is needed');
    } finally {
      await closed.close();
    }
  });
});
