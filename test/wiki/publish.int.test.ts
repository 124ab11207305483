import { mkdir, readdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { StackhookError } from '../../src/errors/stackhook-error.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { authorizationHeader } from '../../src/wiki/git-auth-env.js';
import { publishWiki, type PublishRequest, type Published } from '../../src/wiki/publish-wiki.js';
import {
  bareRepo,
  headBranch,
  remoteFile,
  remoteFiles,
  remoteLog,
  remoteRefs,
  runCliWithEnv,
  sha,
  sourceRepo,
  tempDir,
  writeBuild,
  type Build,
} from './wiki-fixtures.js';

const REPOSITORY = 'stackhook-test/stacks';
const HEADER = (yearMonth: string): string =>
  `# Images built during ${yearMonth}\n\n| Date | Image | Links |\n| - | - | - |\n`;

let source: string;
beforeAll(async () => {
  // Two commits in March 2025, one on each side of it.
  source = await sourceRepo([
    '2025-02-28T23:59:59Z',
    '2025-03-02T10:00:00Z',
    '2025-03-20T10:00:00Z',
    '2025-04-01T00:00:00Z',
  ]);
});

async function outWith(builds: readonly Build[]): Promise<{ out: string; lines: string[] }> {
  const out = await tempDir('out');
  const lines: string[] = [];
  for (const build of builds) lines.push((await writeBuild(out, build)).history);
  return { out, lines };
}

function publish(wiki: string, outDir: string, extra: Partial<PublishRequest> = {}): Promise<Published> {
  return publishWiki({
    wiki,
    outDir,
    repository: REPOSITORY,
    sourceDir: source,
    log: new SilentLog(),
    ...extra,
  });
}

const firstRun: Build[] = [
  { image: 'base', timestamp: '2025-03-14T08:00:00Z', sha: sha('a') },
  { image: 'base', timestamp: '2025-03-14T08:00:00Z', sha: sha('a'), platform: 'aarch64' },
  { image: 'child', timestamp: '2025-03-14T09:00:00Z', sha: sha('a') },
];

describe('publishWiki against real bare repositories', () => {
  it("first publish into an empty repository creates the branch its HEAD names, in docker-stacks' layout", async () => {
    const bare = await bareRepo();
    const { out, lines } = await outWith(firstRun);
    const published = await publish(bare, out);

    const branch = await headBranch(bare);
    expect(published).toEqual({
      schema: 'stackhook.published/v1',
      wiki: bare,
      branch,
      commit: (await execa('git', ['--git-dir', bare, 'rev-parse', branch])).stdout,
      attempts: 1,
      manifests: 3,
      historyLines: 3,
      pagesAdded: [
        'Home.md',
        'manifests/2025/2025-03/aarch64-default-base-aaaaaaaaaaaa.md',
        'manifests/2025/2025-03/x86_64-default-base-aaaaaaaaaaaa.md',
        'manifests/2025/2025-03/x86_64-default-child-aaaaaaaaaaaa.md',
        'monthly-files/2025/2025-03.md',
      ],
      pagesUpdated: [],
      manifestsRemoved: [],
    });
    // History files are applied in path order: the last one (x86_64 child) ends on top.
    expect(await remoteFile(bare, 'monthly-files/2025/2025-03.md')).toBe(
      `${HEADER('2025-03')}${lines[2]}\n${lines[0]}\n${lines[1]}`,
    );
    const home = await remoteFile(bare, 'Home.md');
    expect(home).toContain('`git clone git@github.com:stackhook-test/stacks.wiki.git`');
    expect(home.slice(home.indexOf('<!-- YEAR_MONTHLY_TABLES -->'))).toBe(
      [
        '<!-- YEAR_MONTHLY_TABLES -->',
        '',
        '## 2025',
        '',
        '| Month                  |   Builds |   Images | Commits                                                                                       |',
        '|------------------------|----------|----------|-----------------------------------------------------------------------------------------------|',
        '| [`2025-03`](./2025-03) |        1 |        3 | [2](https://github.com/stackhook-test/stacks/commits/main/?since=2025-03-01&until=2025-03-31) |',
        '| **Total**              |        1 |        3 | [2](https://github.com/stackhook-test/stacks/commits/main/?since=2025-01-01&until=2025-12-31) |',
      ].join('\n'),
    );
    expect(await remoteLog(bare)).toEqual([
      `${published.commit} |stackhook|stackhook: 3 manifests, 3 history lines`,
    ]);
    // HEAD names the new branch: a plain clone checks the wiki out.
    const clone = path.join(await tempDir('clone'), 'wiki');
    await execa('git', ['clone', '--quiet', bare, clone]);
    expect((await readdir(clone)).sort()).toEqual(['.git', 'Home.md', 'manifests', 'monthly-files']);
  });

  it('a second publish puts new lines on top, adds nothing twice, and a third one commits nothing', async () => {
    const bare = await bareRepo();
    const { out, lines } = await outWith(firstRun);
    await publish(bare, out);
    // The out folder still holds the first run's files: they must not be added again.
    const later = await writeBuild(out, { image: 'base', timestamp: '2025-03-20T08:00:00Z', sha: sha('b') });
    const april = await writeBuild(out, { image: 'base', timestamp: '2025-04-02T08:00:00Z', sha: sha('c') });
    const second = await publish(bare, out, { countImage: 'base' });

    expect(second.attempts).toBe(1);
    expect(second.pagesAdded).toEqual([
      'manifests/2025/2025-03/x86_64-default-base-bbbbbbbbbbbb.md',
      'manifests/2025/2025-04/x86_64-default-base-cccccccccccc.md',
      'monthly-files/2025/2025-04.md',
    ]);
    expect(second.pagesUpdated).toEqual(['Home.md', 'monthly-files/2025/2025-03.md']);
    expect(await remoteFile(bare, 'monthly-files/2025/2025-03.md')).toBe(
      `${HEADER('2025-03')}${later.history}\n${lines[2]}\n${lines[0]}\n${lines[1]}`,
    );
    expect(await remoteFile(bare, 'monthly-files/2025/2025-04.md')).toBe(
      `${HEADER('2025-04')}${april.history}`,
    );
    const home = await remoteFile(bare, 'Home.md');
    expect(home).toMatch(
      /\n\| \[`2025-04`\]\(\.\/2025-04\) \| +1 \| +1 \| \[1\]\([^)]*since=2025-04-01&until=2025-04-30\) \|\n/,
    );
    expect(home).toMatch(/\n\| \[`2025-03`\]\(\.\/2025-03\) \| +2 \| +4 \| \[2\]\([^)]*\) \|\n/);
    expect(home).toMatch(
      /\n\| \*\*Total\*\* +\| +3 \| +5 \| \[3\]\([^)]*since=2025-01-01&until=2025-12-31\) \|$/,
    );

    const refs = await remoteRefs(bare);
    const third = await publish(bare, out, { countImage: 'base' });
    expect(third).toMatchObject({
      commit: null,
      attempts: 1,
      pagesAdded: [],
      pagesUpdated: [],
      manifestsRemoved: [],
    });
    expect(await remoteRefs(bare)).toBe(refs);
    expect(await remoteLog(bare)).toHaveLength(2);
  });

  it('keeps only the newest manifests (--keep)', async () => {
    const bare = await bareRepo();
    const old = await outWith([
      { image: 'base', timestamp: '2025-01-10T00:00:00Z', sha: sha('1') },
      { image: 'base', timestamp: '2025-02-10T00:00:00Z', sha: sha('2') },
      { image: 'base', timestamp: '2025-03-10T00:00:00Z', sha: sha('3') },
    ]);
    expect((await publish(bare, old.out, { keep: 3 })).manifestsRemoved).toEqual([]);
    const recent = await outWith([
      { image: 'base', timestamp: '2025-03-11T00:00:00Z', sha: sha('4') },
      { image: 'child', timestamp: '2025-03-11T00:00:00Z', sha: sha('4') },
    ]);
    const published = await publish(bare, recent.out, { keep: 3 });

    expect(published.manifestsRemoved).toEqual([
      'manifests/2025/2025-01/x86_64-default-base-111111111111.md',
      'manifests/2025/2025-02/x86_64-default-base-222222222222.md',
    ]);
    expect(await remoteFiles(bare, 'manifests')).toEqual([
      'manifests/2025/2025-03/x86_64-default-base-333333333333.md',
      'manifests/2025/2025-03/x86_64-default-base-444444444444.md',
      'manifests/2025/2025-03/x86_64-default-child-444444444444.md',
    ]);
    // The monthly pages keep every line (as docker-stacks does).
    expect(await remoteFile(bare, 'monthly-files/2025/2025-01.md')).toBe(
      `${HEADER('2025-01')}${old.lines[0]}`,
    );
    expect((await remoteLog(bare))[0]).toMatch(
      /\|stackhook: 2 manifests, 2 history lines, 2 old manifests removed$/,
    );
  });

  it.each([
    ['an empty repository', false],
    ['a wiki with pages', true],
  ])(
    'two racing publishers into %s both land: the loser re-applies on top of the winner',
    async (_label, populated) => {
      const bare = await bareRepo();
      if (populated) await publish(bare, (await outWith(firstRun)).out);
      const a = await outWith([{ image: 'base', timestamp: '2025-03-21T08:00:00Z', sha: sha('d') }]);
      const b = await outWith([{ image: 'child', timestamp: '2025-03-22T08:00:00Z', sha: sha('e') }]);

      // A clones, then waits until B has pushed: its own push is then a real non-fast-forward rejection.
      let cloned!: () => void;
      let release!: () => void;
      const aCloned = new Promise<void>((resolve) => (cloned = resolve));
      const bPushed = new Promise<void>((resolve) => (release = resolve));
      const seen: number[] = [];
      const logA = new SilentLog();
      const publishingA = publish(bare, a.out, {
        log: logA,
        afterCheckout: async (attempt) => {
          seen.push(attempt);
          if (attempt === 1) {
            cloned();
            await bPushed;
          }
        },
      });
      await aCloned;
      const publishingB = publish(bare, b.out);
      const publishedB = await publishingB;
      release();
      const publishedA = await publishingA;

      expect(seen).toEqual([1, 2]);
      expect(publishedB.attempts).toBe(1);
      expect(publishedA.attempts).toBe(2);
      expect(logA.lines).toContainEqual(
        expect.stringMatching(/^another publisher pushed to \S+ first: re-applying/),
      );
      const log = await remoteLog(bare);
      expect(log).toHaveLength(populated ? 3 : 2);
      // Linear history: A's single commit sits on B's.
      expect(log[0]).toMatch(new RegExp(`^${publishedA.commit} ${publishedB.commit}\\|`));
      const page = await remoteFile(bare, 'monthly-files/2025/2025-03.md');
      // Both lines are there, newest build first, although A's (older) line was applied last.
      expect(page.startsWith(`${HEADER('2025-03')}${b.lines[0]}\n${a.lines[0]}`)).toBe(true);
      expect(await remoteFiles(bare, 'manifests/2025/2025-03')).toEqual(
        expect.arrayContaining([
          'manifests/2025/2025-03/x86_64-default-base-dddddddddddd.md',
          'manifests/2025/2025-03/x86_64-default-child-eeeeeeeeeeee.md',
        ]),
      );
      expect(await remoteFile(bare, 'Home.md')).toMatch(
        new RegExp(`\\| \\[\`2025-03\`\\]\\(\\./2025-03\\) \\| +\\d+ \\| +${populated ? 5 : 2} \\|`),
      );
    },
  );

  describe('a failure leaves the remote as it was and no temporary checkout behind', () => {
    let bare: string;
    let refs: string;
    let tempRoot: string;
    beforeEach(async () => {
      bare = await bareRepo();
      await publish(bare, (await outWith(firstRun)).out);
      refs = await remoteRefs(bare);
      tempRoot = await tempDir('checkouts');
    });
    afterEach(async () => {
      expect(await remoteRefs(bare)).toBe(refs);
      expect(await readdir(tempRoot)).toEqual([]);
    });

    it('a manifest without build timestamp: input error naming it', async () => {
      const { out } = await outWith([{ image: 'base', timestamp: '2025-03-21T08:00:00Z', sha: sha('d') }]);
      const bad = path.join(out, 'manifests', 'x86_64-default-broken-ffffffffffff.md');
      await writeFile(
        bad,
        '# Build manifest for image: broken\n\n## Build Info\n\n- Build timestamp: soon\n',
      );
      const error = await publish(bare, out, { tempRoot }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StackhookError);
      expect((error as StackhookError).exitCode).toBe(2);
      expect((error as StackhookError).message).toBe(
        `${bad}: build manifest has no "Build timestamp: YYYY-MM-DDTHH:MM:SSZ" line`,
      );
    });

    it('a step failing after the clone', async () => {
      const { out } = await outWith([{ image: 'base', timestamp: '2025-03-21T08:00:00Z', sha: sha('d') }]);
      const afterCheckout = async (): Promise<void> => {
        throw new Error('disk full');
      };
      await expect(publish(bare, out, { tempRoot, afterCheckout })).rejects.toThrow('disk full');
    });

    it('a broken manifest already in the wiki, found after the pages were changed', async () => {
      const clone = path.join(await tempDir('clone'), 'wiki');
      await execa('git', ['clone', '--quiet', bare, clone]);
      await mkdir(path.join(clone, 'manifests', '2020', '2020-01'), { recursive: true });
      await writeFile(path.join(clone, 'manifests', '2020', '2020-01', 'hand-made.md'), '# no build info\n');
      const git = (...args: string[]) => execa('git', args, { cwd: clone });
      await git('add', '--all');
      await git('-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '--quiet', '-m', 'by hand');
      await git('push', '--quiet');
      refs = await remoteRefs(bare);

      const { out } = await outWith([{ image: 'base', timestamp: '2025-03-21T08:00:00Z', sha: sha('d') }]);
      await expect(publish(bare, out, { tempRoot })).rejects.toThrow(
        'wiki manifests/2020/2020-01/hand-made.md: build manifest has no "Build timestamp',
      );
    });

    it('a push the remote refuses (not a race): no retry', async () => {
      const hook = path.join(bare, 'hooks', 'pre-receive');
      await writeFile(hook, '#!/bin/sh\necho "wiki is frozen" >&2\nexit 1\n', { mode: 0o755 });
      const { out } = await outWith([{ image: 'base', timestamp: '2025-03-21T08:00:00Z', sha: sha('d') }]);
      const attempts: number[] = [];
      const error = (await publish(bare, out, {
        tempRoot,
        afterCheckout: async (n) => void attempts.push(n),
      }).catch((caught: unknown) => caught)) as StackhookError;
      expect(attempts).toEqual([1]);
      expect(error).toBeInstanceOf(StackhookError);
      expect(error.exitCode).toBe(1);
      expect(error.message).toMatch(/cannot push to the wiki's \S+ branch$/);
      expect(error.details).toContain('wiki is frozen');
    });
  });
});

describe('stackhook publish (CLI)', () => {
  const TOKEN = 'some-secret-wiki-token-1234';
  const hidden = [TOKEN, Buffer.from(`x-access-token:${TOKEN}`).toString('base64')];

  it('publishes with a token in the environment, which never shows in its output', async () => {
    const bare = await bareRepo();
    const { out } = await outWith(firstRun);
    const args = ['--verbose', 'publish', '--wiki', bare, '--out', out, '--repository', REPOSITORY, '--json'];
    const result = await runCliWithEnv(args, source, { STACKHOOK_WIKI_TOKEN: TOKEN });
    expect(result.exitCode).toBe(0);
    const published = JSON.parse(result.stdout) as Published;
    expect(published.commit).toBe((await remoteLog(bare))[0]!.split(' ')[0]);
    for (const secret of hidden) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('sends the token as an http.extraHeader, not in the URL, and keeps it out of the error', async () => {
    const received: (string | undefined)[] = [];
    const urls: (string | undefined)[] = [];
    const server = http.createServer((request, response) => {
      received.push(request.headers.authorization);
      urls.push(request.url);
      response.writeHead(403).end(`token ${TOKEN} refused`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/o/r.wiki.git`;
      const { out } = await outWith(firstRun);
      const result = await runCliWithEnv(['publish', '--wiki', url, '--out', out], source, {
        STACKHOOK_WIKI_TOKEN: TOKEN,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`error: ${url}: cannot read the wiki repository`);
      for (const secret of hidden) expect(result.stdout + result.stderr).not.toContain(secret);
      expect(received[0]).toBe(authorizationHeader(TOKEN).slice('Authorization: '.length));
      expect(urls.join(' ')).not.toContain(TOKEN);
    } finally {
      server.close();
    }
  });

  it('exits 2 naming the file for bad input, leaving the wiki as it was', async () => {
    const bare = await bareRepo();
    const { out } = await outWith(firstRun);
    const history = path.join(out, 'history', 'x86_64-default-base-aaaaaaaaaaaa.txt');
    await writeFile(history, 'base built fine');
    const result = await runCliWithEnv(['publish', '--wiki', bare, '--out', out], source, {});
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`error: ${history}: not a build history line`);
    expect(await remoteRefs(bare)).toBe('');
  });

  it.each<[string[], number, RegExp]>([
    [
      [],
      2,
      /manifests: no build manifests \(\*\.md\) to publish\n {2}run `stackhook hook <image>` first, or pass --allow-no-files/,
    ],
    [['--allow-no-files'], 0, /^\S{40}$/],
    [['--keep', 'many'], 2, /error: --keep: expected a whole number, got "many"/],
  ])('with an empty out folder and %j: exit %i', async (extra, exitCode, output) => {
    const bare = await bareRepo();
    const out = await tempDir('out');
    const result = await runCliWithEnv(['publish', '--wiki', bare, '--out', out, ...extra], source, {});
    expect(result.exitCode).toBe(exitCode);
    expect(exitCode === 0 ? result.stdout.trim() : result.stderr).toMatch(output);
    if (exitCode === 0) expect(await remoteFiles(bare)).toEqual(['Home.md']);
  });
});
