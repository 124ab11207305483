import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { injectAs } from './inject-as.js';
import { swTagIdentity } from './swtag-identity.js';

/* eslint-disable no-control-regex -- control characters are what these tests are about */

// Issue 13 point 9: AMI's answers stay what they claim to be for any text the database holds. The input grammar
// refuses control characters now, but rows written before it (or straight into the database) may hold them.
const FORGED_ROW = 'x\nTAGNAME = sw666';

/** Stored hostile text: controls XML 1.0 can't carry, markup, a line that forges a row, a CSV formula. */
const comment = (name: string) =>
  `${name === 'SQLite' ? 'nul\u0000 ' : ''}esc\u001b[2J bell\u0007 vt\u000b cr\r lf\n ]]> <x a="b"/> &amp; ${FORGED_ROW}`;

/** python3's xml.etree: the COMMENT field of every row, as a real XML parser reads the answer. */
async function xmlComments(xml: string): Promise<string[]> {
  const script = [
    'import json, sys, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    'print(json.dumps([f.text or "" for f in root.iter("field") if f.get("name") == "COMMENT"]))',
  ].join('\n');
  const { stdout } = await execa('python3', ['-c', script], { input: xml });
  return JSON.parse(stdout) as string[];
}

describe.each(CATALOG_DATABASES)('AMI answers over stored hostile text on $name', ({ name, open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let reader: string;
  const inject = injectAs(
    () => app,
    () => reader,
  );
  const ami = (Command: string, Converter: string) =>
    inject({ method: 'POST', url: '/ami/command', payload: { Command, Converter } });

  beforeAll(async () => {
    database = await open();
    reader = await createApiKey(database.db, 'rita', 'reader');
    const now = new Date().toISOString();
    const row = { created: now, createdby: 'old', modified: now, modifiedby: 'old' };
    // Straight into the table, as a row from before the grammar would be.
    await database.db
      .insertInto('swtag')
      .values([
        { ...swTagIdentity(), ...row, tagnumber: 1, tagname: 'sw1', comment: comment(name) },
        {
          ...swTagIdentity({ version: '2' }),
          ...row,
          tagnumber: 2,
          tagname: 'sw2',
          comment: '=HYPERLINK("x")',
        },
        { ...swTagIdentity({ version: '3' }), ...row, tagnumber: 3, tagname: 'sw3', comment: '-2+3' },
      ])
      .execute();
    app = await buildServiceApp({ db: database.db });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('XML: a real parser reads it, and the text comes back but for what XML 1.0 cannot carry', async () => {
    const response = await ami('GetSWTagInfo -swTag=sw1', 'xml');
    expect(response.statusCode).toBe(200);
    expect(await xmlComments(response.body)).toEqual([
      comment(name).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd'),
    ]);
    const all = await ami('SearchSWTags -TAGTYPE=container', 'xml');
    expect(await xmlComments(all.body)).toHaveLength(3);
  });

  it('text: one line per field, the forged row escaped', async () => {
    const response = await ami('GetSWTagInfo -swTag=sw1', 'text');
    const lines = response.body.split('\n');
    expect(lines.filter((line) => line.startsWith('    -> TAGNAME = '))).toEqual(['    -> TAGNAME = "sw1"']);
    expect(lines.find((line) => line.startsWith('    -> COMMENT = '))).toContain('\\nTAGNAME = sw666');
    expect(response.body).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('CSV: formulas neutralised, every row one record', async () => {
    const response = await ami('SearchSWTags -TAGTYPE=container', 'csv');
    expect(response.body).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(response.body).toContain(`,"'-2+3",`);
    // A spreadsheet reads these as RFC 4180; Python's csv module does too.
    const { stdout } = await execa(
      'python3',
      ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))'],
      { input: response.body.replace(/\u0000/g, '') },
    );
    const rows = (JSON.parse(stdout) as string[][]).filter((row) => row.length > 0);
    const header = rows[0]!;
    expect(rows.slice(1).map((row) => row[header.indexOf('TAGNAME')])).toEqual(['sw1', 'sw2', 'sw3']);
  });
});
