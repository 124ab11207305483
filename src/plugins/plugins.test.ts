import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecResult } from '../engine/exec-result.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { commandManifest } from './command-manifest.js';
import { loadPluginExport } from './load-plugin-export.js';
import { asPlugin } from './plugin-shape.js';
import { regexTagger } from './regex-tagger.js';
import type { Tagger } from '../probe/tagger.js';
import type { ManifestPiece } from '../probe/manifest-piece.js';

const PLUGINS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/plugins');
const result = (stdout: string, stderr = '', exitCode = 0): ExecResult => ({
  argv: ['x'],
  exitCode,
  stdout,
  stderr,
});
const context = {
  git: { sha: '', shortSha: '', message: '', root: '', githubRepository: undefined },
  now: new Date(),
};
const GCC = 'gcc (Debian 12.2.0-14+deb12u1) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\n';

describe('declarative taggers (command + regex + template)', () => {
  const make = (regex: string, template?: string, optional = false) =>
    regexTagger('gcc', { command: ['gcc', '--version'], regex, template, optional });

  // prettier-ignore
  it.each<[string, string | undefined, ExecResult, string | undefined]>([
    ['\\) (\\d+\\.\\d+)\\.\\d+$', 'gcc-{1}', result(GCC), 'gcc-12.2'],
    ['\\) (?<version>\\S+)$', 'gcc-{version}', result(GCC), 'gcc-12.2.0'],
    ['Copyright \\(C\\) \\d+', undefined, result(GCC), 'Copyright (C) 2022'],
    // Many tools print their version on stderr.
    ['version (\\S+)', 'tool-{1}', result('', 'tool version 3.1\n'), 'tool-3.1'],
  ])('/%s/ and %j read the output', (regex, template, output, value) => {
    expect(make(regex, template).value([output], context)).toBe(value);
  });

  it('fails when the regex does not match, unless optional', () => {
    expect(() => make('clang (\\S+)', '{1}').value([result(GCC)], context)).toThrow(
      /regex \/clang \(\\S\+\)\/ does not match "gcc \(Debian/,
    );
    expect(make('clang (\\S+)', '{1}', true).value([result(GCC)], context)).toBeUndefined();
    expect(make('x', undefined, true).value([result('', 'not found', 127)], context)).toBeUndefined();
    expect(make('x').allowFailure).toBe(false);
  });
});

describe('declarative manifest pieces', () => {
  it('quotes each command under the title, docker-stacks style', () => {
    const piece = commandManifest('toolchain', {
      title: 'Toolchain',
      commands: [['gcc', '--version']],
      optional: false,
    });
    expect(piece.markdown([{ ...result(GCC), argv: ['gcc', '--version'] }], {} as never)).toBe(
      `## Toolchain\n\n\`gcc --version\`:\n\n\`\`\`text\n${GCC.trimEnd()}\n\`\`\``,
    );
    const optional = commandManifest('toolchain', {
      title: '## Toolchain',
      commands: [['gcc']],
      optional: true,
    });
    expect(optional.markdown([result('', '', 127)], {} as never)).toBeUndefined();
  });
});

describe('plugin modules', () => {
  const load = (file: string, exportName = 'default') =>
    loadPluginExport(path.join(PLUGINS, file), exportName, 'stacks.yaml:3 taggers.x');

  it('loads a TS tagger plugin with the built-ins’ interface', async () => {
    const tagger = asPlugin<Tagger>(await load('gcc-tagger.ts'), 'tagger', 'my-gcc', 'gcc-tagger.ts', 's');
    expect(tagger.name).toBe('my-gcc');
    expect(tagger.commands).toEqual([['gcc', '--version']]);
    expect(tagger.value([result(GCC)], context)).toBe('gcc-12.2.0');
  });

  it('calls a factory export with the options from stacks.yaml', async () => {
    const exported = await load('site-manifest.mjs', 'siteManifest');
    const piece = asPlugin<ManifestPiece>(exported, 'manifest piece', 'site', 'site-manifest.mjs', 's', {
      title: 'Site',
    });
    expect(piece.markdown([result('node-1\n')], {} as never)).toBe('## Site\n\nHost file: `node-1`');
  });

  // prettier-ignore
  it.each<[string, string, RegExp]>([
    ['not-a-tagger.mjs', 'default', /not-a-tagger\.mjs does not export a tagger: "value" must be a function/],
    ['syntax-error.ts', 'default', /plugin module .*syntax-error\.ts failed to load/],
    ['missing.ts', 'default', /plugin module .*missing\.ts failed to load/],
    ['site-manifest.mjs', 'default', /site-manifest\.mjs has no export "default" \(exports: siteManifest\)/],
  ])('%s (export %s) fails naming the file', async (file, exportName, message) => {
    const error: unknown = await load(file, exportName)
      .then((exported) => asPlugin(exported, 'tagger', 'x', path.join(PLUGINS, file), 'stacks.yaml:3 taggers.x'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StackhookError);
    expect((error as StackhookError).kind).toBe('input');
    expect((error as StackhookError).subject).toBe('stacks.yaml:3 taggers.x');
    expect((error as StackhookError).description).toMatch(message);
  });

  it.each<[string, unknown, string]>([
    [
      'a factory that throws',
      () => {
        throw new Error('needs options.title');
      },
      'its factory threw: needs options.title',
    ],
    ['an async factory', async () => ({}), 'its factory returned a Promise'],
    [
      'a class',
      class {
        constructor() {}
      },
      'its factory threw: Class constructor',
    ],
  ])('names the file for %s', (_, exported, message) => {
    expect(() => asPlugin(exported, 'tagger', 'x', 'f.mjs', 's')).toThrow(
      `plugin module f.mjs does not export a tagger: ${message}`,
    );
  });

  it('rejects commands given as a shell string', () => {
    const broken = { commands: 'gcc --version', value: () => 'x' };
    expect(() => asPlugin(broken, 'tagger', 'x', 'f.mjs', 's')).toThrow(
      '"commands" must be a list of argv lists of non-empty strings',
    );
  });
});
