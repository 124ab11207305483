import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { runCli, startCli } from '../support/run-cli.js';
import { servedAddress } from '../support/served-address.js';
import { documentLines } from './swtag-document-lines.js';
import { pyamiUser, textRows } from './pyami-support.js';

// The real pyAMI (pyami-core and pyami-atlas from PyPI, unchanged) against `stackhook serve` over a real port,
// every command line of the SW-Tag document, in text and XML through pyAMI's CLI and as dom_object and
// dict_object through its Python API.
let server: ResultPromise;
let address: string;
let database: string;
let serverLog = '';
const keys: Record<'admin' | 'reader', string> = { admin: '', reader: '' };
const digest = (n: number) => `sha256:${n.toString(16).repeat(64).slice(0, 64)}`;

beforeAll(async () => {
  database = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-pyami-')), 'service.sqlite');
  for (const [role, user] of [
    ['admin', 'alice'],
    ['reader', 'rita'],
  ] as const) {
    const created = await runCli(
      ['catalog', 'keys', 'create', '--user', user, '--role', role, '--database', database],
      os.tmpdir(),
    );
    keys[role] = created.stdout.trim();
  }
  // Every request logged: the credentials pyAMI puts in commands must be in none of it.
  server = startCli(['serve', '--database', database, '--port', '0', '--log-level', 'info'], os.tmpdir());
  server.stderr!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  address = await servedAddress(server);
});
afterAll(() => {
  server?.kill('SIGKILL');
});

describe('pyAMI CLI, text, after `ami auth`', () => {
  it('runs every command of the SW-Tag document as written', async () => {
    const user = await pyamiUser(`${address}/AMI2/FrontEnd`);
    // ami auth asks for AMIUser and AMIPass (no terminal here: from stdin), runs GetUserInfo, keeps the session.
    const auth = await user.ami(['auth'], `alice\n${keys.admin}\n`);
    expect(auth.exitCode).toBe(0);
    expect(auth.stdout).toContain('First name: alice');
    const run = async (line: string[]) => {
      const result = await user.ami(['cmd', ...line]);
      expect(result.stdout).not.toContain('Error:');
      expect(result.stdout).toMatch(/^#AMI Result\n\n/);
      return textRows(result.stdout);
    };
    const lines = documentLines('1', digest);
    const [tag] = await run(lines.addSwTag);
    expect(tag).toMatchObject({ TAGNAME: expect.stringMatching(/^sw\d+$/), TAGTYPE: 'container' });
    expect(tag).toMatchObject({ DISTSWRELEASE: 'default', COMMENT: 'first build', CREATEDBY: 'alice' });
    const sw = tag!.TAGNAME!;
    expect(tag).toMatchObject({ IMAGETYPE: 'analysis', SWRELEASE: 'Athena 24.0.1', CREATEDBY: 'alice' });
    expect(await run(lines.getSwTagInfo(sw))).toEqual([tag]);
    expect(await run(lines.getAmiTagInfo(sw))).toEqual([tag]);
    // -distRelease is DISTSWRELEASE: it changes, never silently dropped.
    expect((await run(lines.updateSwTag(sw)))[0]).toMatchObject({
      DISTSWRELEASE: 'python-3.11',
      COMMENT: 'rebuilt',
    });
    const [image] = await run(lines.addImage(sw));
    expect(image).toMatchObject({ REPOSITORY_SWTAG: sw, REPOSITORY_COUNTER: '0', HASH_DIGEST: digest(1) });
    expect(await run(lines.listImagesForSwTag(sw))).toEqual([image]);
    expect(await run(lines.getImageInfo(image!.ID!))).toEqual([image]);
    expect((await run(lines.updateImage(image!.ID!, sw)))[0]).toMatchObject({ HASH_DIGEST: digest(2) });
    expect((await run(lines.dellImage(image!.ID!)))[0]).toMatchObject({ ID: image!.ID });
    expect(await run(lines.listImagesForSwTag(sw))).toEqual([]);
  });
});

describe('pyAMI CLI, XML, with -AMIUser/-AMIPass on every command', () => {
  it('runs every command of the SW-Tag document as written', async () => {
    const user = await pyamiUser(`${address}/AMI/FrontEnd`);
    const credentials = ['-AMIUser=alice', `-AMIPass=${keys.admin}`];
    const run = async (line: string[]) => {
      const result = await user.ami(['-f', 'xml', 'cmd', ...line, ...credentials]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<AMIMessage>/);
      expect(result.stdout).not.toContain('<error>');
      return result.stdout;
    };
    const lines = documentLines('2', digest);
    const sw = /<field name="TAGNAME">(sw\d+)<\/field>/.exec(await run(lines.addSwTag))![1]!;
    expect(await run(lines.getSwTagInfo(sw))).toContain('<field name="IMAGEARCH">x86_64</field>');
    expect(await run(lines.getAmiTagInfo(sw))).toContain('<rowset type="SWTAG">');
    expect(await run(lines.updateSwTag(sw))).toContain('<field name="DISTSWRELEASE">python-3.11</field>');
    const added = await run(lines.addImage(sw));
    const id = /<field name="ID">(\d+)<\/field>/.exec(added)![1]!;
    expect(added).toContain('<field name="REPOSITORY_COUNTER">0</field>');
    expect(await run(lines.listImagesForSwTag(sw))).toContain(`<field name="ID">${id}</field>`);
    expect(await run(lines.getImageInfo(id))).toContain(`<field name="HASH_DIGEST">${digest(1)}</field>`);
    expect(await run(lines.updateImage(id, sw))).toContain(`<field name="HASH_DIGEST">${digest(2)}</field>`);
    expect(await run(lines.dellImage(id))).toContain(`<field name="ID">${id}</field>`);
  });
});

// Each line through Client.execute in one of pyAMI's object formats; the rows come back as JSON.
const API_SCRIPT = `
import json, os, pyAMI.client
client = pyAMI.client.Client('stackhook')
result = client.execute(json.loads(os.environ['LINE']), format=os.environ['FORMAT'],
                        AMIUser=os.environ['AMI_USER'], AMIPass=os.environ['AMI_KEY'])
print(json.dumps({t: result.get_rows(t) for t in result.get_rowset_types()}))
`;

describe.each([
  ['dom_object', '3'],
  ['dict_object', '5'],
])('pyAMI Python API: %s', (FORMAT, version) => {
  it('runs every command of the SW-Tag document as written', async () => {
    const user = await pyamiUser(`${address}/AMI/FrontEnd`);
    // The document quotes every value: -name="value".
    const quoted = (line: string[]) => line.map((word) => word.replace(/^(-\w+)=(.*)$/, '$1="$2"'));
    const run = async (line: string[]) => {
      const secrets = { LINE: JSON.stringify(quoted(line)), FORMAT, AMI_USER: 'alice', AMI_KEY: keys.admin };
      const result = await user.python(API_SCRIPT, secrets);
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as Record<string, Record<string, string>[]>;
    };
    const lines = documentLines(version, digest);
    const { SWTAG: [tag] = [] } = await run(lines.addSwTag);
    expect(tag).toMatchObject({
      TAGNAME: expect.stringMatching(/^sw\d+$/),
      PRODSTEP: 'reco',
      DBRELEASE: 'current',
    });
    const name = tag!.TAGNAME!;
    expect((await run(lines.getSwTagInfo(name))).SWTAG).toEqual([tag]);
    expect((await run(lines.getAmiTagInfo(name))).SWTAG).toEqual([tag]);
    expect((await run(lines.updateSwTag(name))).SWTAG![0]).toMatchObject({ DISTSWRELEASE: 'python-3.11' });
    const { IMAGE: [image] = [] } = await run(lines.addImage(name));
    expect(image).toMatchObject({ REPOSITORY_SWTAG: name, CREATEDBY: 'alice' });
    expect((await run(lines.listImagesForSwTag(name))).IMAGE).toEqual([image]);
    expect((await run(lines.getImageInfo(image!.ID!))).IMAGE).toEqual([image]);
    expect((await run(lines.updateImage(image!.ID!, name))).IMAGE![0]!.HASH_DIGEST).toBe(digest(2));
    expect((await run(lines.dellImage(image!.ID!))).IMAGE![0]!.ID).toBe(image!.ID);
    // pyAMI-atlas' own command for AMI-Tags works on SW-Tags.
    const shown = await user.amiAtlas(['show', 'ami-tag', name]);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^tagName: ${name}\n`));
    expect(shown.stdout).toMatch(/\n {2}distRelease +: python-3\.11\n/);
    expect(shown.stdout).toMatch(/\n {2}swTagType +: container\n/);
  });
});

describe('AMI errors pyAMI raises', () => {
  const RAISES = `
import json, os, pyAMI.client, pyAMI.exception
client = pyAMI.client.Client('stackhook')
for format in ('dom_object', 'dict_object'):
    try:
        client.execute(os.environ['LINE'], format=format, AMIUser=os.environ['AMI_USER'], AMIPass=os.environ['AMI_KEY'])
        print(format, 'no error')
    except pyAMI.exception.Error as error:
        print(format, error)
`;
  const raised = async (line: string, AMI_USER: string, AMI_KEY: string) => {
    const user = await pyamiUser(`${address}/AMI2/FrontEnd`);
    const result = await user.python(RAISES, { LINE: line, AMI_USER, AMI_KEY });
    return result.stdout.trim().split('\n');
  };

  it('a wrong key, a key of another user, and a reader key that writes', async () => {
    const wrong = `${keys.admin.slice(0, -4)}AAAA`;
    const wrongKey = 'pyAMI exception: wrong -AMIUser or -AMIPass';
    for (const format of ['dom_object', 'dict_object'])
      expect(await raised('GetSWTagInfo -swTag="sw1"', 'alice', wrong)).toContainEqual(
        expect.stringContaining(`${format} ${wrongKey}`),
      );
    expect(await raised('GetSWTagInfo -swTag="sw1"', 'rita', keys.admin)).toEqual([
      expect.stringContaining(`dom_object ${wrongKey}`),
      expect.stringContaining(`dict_object ${wrongKey}`),
    ]);
    expect(await raised(documentLinesText('9'), 'rita', keys.reader)).toEqual([
      'dom_object pyAMI exception: rita is a reader; this needs writer',
      'dict_object pyAMI exception: rita is a reader; this needs writer',
    ]);
  });

  it('an argument a command does not take, named with the ones it takes; a missing SW-Tag', async () => {
    const [unknown] = await raised('UpdateSWTag -tagName="sw1" -colour="blue"', 'alice', keys.admin);
    expect(unknown).toMatch(/-colour is not a field UpdateSWTag takes \(it takes .*-distRelease/);
    expect(await raised('GetSWTagInfo -swTag="sw99"', 'alice', keys.admin)).toEqual([
      'dom_object pyAMI exception: no SW-Tag sw99',
      'dict_object pyAMI exception: no SW-Tag sw99',
    ]);
    // The CLI prints text as it comes: AMI's `Error:` line.
    const user = await pyamiUser(`${address}/AMI2/FrontEnd`);
    const text = await user.ami(['cmd', 'GetSWTagInfo', '-swTag=sw99']);
    expect(text.stdout).toBe('#AMI Result\n\nError: no SW-Tag sw99\n#\n');
  });
});

/** AddSWTag as the document writes it, as one line of text. */
function documentLinesText(version: string): string {
  return documentLines(version, digest)
    .addSwTag.map((word) => word.replace(/^(-\w+)=(.*)$/, '$1="$2"'))
    .join(' ');
}

describe('the same lines through `stackhook ami`', () => {
  const stackhookAmi = (args: string[]) => runCli(['ami', ...args], os.tmpdir());

  it('answers what pyAMI answers, for reads and writes, in text and XML', async () => {
    const user = await pyamiUser(`${address}/AMI2/FrontEnd`);
    const credentials = ['-AMIUser=alice', `-AMIPass=${keys.admin}`];
    const lines = documentLines('4', digest);
    const added = await stackhookAmi(['-e', address, 'cmd', ...lines.addSwTag, ...credentials]);
    expect(added.exitCode).toBe(0);
    const [tag] = textRows(added.stdout);
    expect(tag).toMatchObject({ TAGNAME: expect.stringMatching(/^sw\d+$/), DISTSWRELEASE: 'default' });
    const sw = tag!.TAGNAME!;
    for (const format of ['text', 'xml']) {
      for (const line of [lines.getSwTagInfo(sw), lines.getAmiTagInfo(sw), lines.listImagesForSwTag(sw)]) {
        const theirs = await user.ami(['-f', format, 'cmd', ...line]);
        const ours = await stackhookAmi(['-e', address, '-f', format, 'cmd', ...line]);
        expect(ours.exitCode).toBe(0);
        expect(ours.stdout).toBe(theirs.stdout.trimEnd());
      }
    }
    const image = await stackhookAmi(['-e', address, 'cmd', ...lines.addImage(sw), ...credentials]);
    const [row] = textRows(image.stdout);
    expect(row).toMatchObject({ REPOSITORY_SWTAG: sw, CREATEDBY: 'alice' });
    const refused = await stackhookAmi([
      '-e',
      address,
      'cmd',
      ...lines.dellImage(row!.ID!),
      '-AMIUser=rita',
      `-AMIPass=${keys.reader}`,
    ]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('rita is a reader; this needs admin');
    expect(refused.stderr).not.toContain(keys.reader);
    const help = await runCli(['ami', '--help', '-e', 'http://127.0.0.1:9'], os.tmpdir());
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('usage: stackhook ami [-e <catalog url>]');
  });
});

describe('the server log', () => {
  it('has every AMI request, and no credential pyAMI sent', async () => {
    expect(serverLog).toMatch(/"url":"\/AMI2\/FrontEnd"/);
    expect(serverLog).not.toContain(keys.admin);
    expect(serverLog).not.toContain(keys.reader);
    expect(serverLog).not.toMatch(/AMIPass/i);
  });
});
