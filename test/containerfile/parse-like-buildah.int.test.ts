import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseContainerfile } from '../../src/containerfile/parse-containerfile.js';
import { ociPlatform, hostPlatform } from '../../src/hierarchy/platform.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// The Containerfile policy is only as good as its parser's agreement with buildah's. Each layout below puts a
// harmless `--mount=type=tmpfs,target=/probe` where a parser could disagree; the real podman build says
// whether it mounted it, and the parser must have seen the flag exactly then.
const MOUNT = '--mount=type=tmpfs,target=/probe';
const PROBE = `sh -c 'if grep -q " /probe " /proc/mounts; then echo PROBE-MOUNTED; else echo PROBE-ABSENT; fi'`;

/** Each layout, and whether buildah mounts the probe there. */
const layouts: [string, (base: string) => string, boolean][] = [
  ['a flag on a continuation line', (base) => `FROM ${base}\nRUN \\\n  ${MOUNT} ${PROBE}\n`, true],
  ['lowercase run', (base) => `FROM ${base}\nrun ${MOUNT} ${PROBE}\n`, true],
  [
    'comment and blank lines inside the continuation',
    (base) => `FROM ${base}\nRUN \\\n# a comment\n\n   \\\n  ${MOUNT} ${PROBE}\n`,
    true,
  ],
  [
    'the backtick escape joining lines',
    (base) => `# escape=\`\nFROM ${base}\nRUN \`\n${MOUNT} ${PROBE}\n`,
    true,
  ],
  [
    'a backslash under the backtick escape, joining nothing',
    (base) => `# escape=\`\nFROM ${base}\nRUN echo \\\nRUN ${MOUNT} ${PROBE}\n`,
    true,
  ],
  [
    'quotes inside the flag',
    (base) => `FROM ${base}\nRUN --"mount=type=tmpfs,target=/probe" ${PROBE}\n`,
    true,
  ],
  [
    'a quoted word, which is no flag',
    (base) => `FROM ${base}\nRUN "${MOUNT}" 2>/dev/null; ${PROBE}\n`,
    false,
  ],
  ['a leading no-break space', (base) => `FROM ${base}\n\u00a0RUN ${MOUNT} ${PROBE}\n`, true],
  ['CRLF line ends', (base) => `FROM ${base}\r\nRUN \\\r\n${MOUNT} ${PROBE}\r\n`, true],
];

describe('parseContainerfile agrees with podman’s buildah', () => {
  it.each(layouts)('on %s', async (_label, layout, mounted) => {
    const text = layout(testBaseImage());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-parse-'));
    let output = '';
    try {
      await writeFile(path.join(dir, 'Containerfile'), text);
      await testEngine()
        .build({
          subject: 'parser probe',
          contextDir: dir,
          dockerfile: path.join(dir, 'Containerfile'),
          tag: `localhost/stackhook-test/parser-probe:${path.basename(dir).toLowerCase()}`,
          buildArgs: {},
          labels: {},
          platform: ociPlatform(hostPlatform()),
          noCache: true,
          onOutput: (chunk) => (output += chunk),
        })
        .catch(() => undefined);
    } finally {
      await testEngine().removeImage(
        `localhost/stackhook-test/parser-probe:${path.basename(dir).toLowerCase()}`,
      );
      await rm(dir, { recursive: true, force: true });
    }
    // Whole lines: podman echoes each step, probe text included.
    const said = output.split(/\r?\n/).filter((line) => /^PROBE-(MOUNTED|ABSENT)$/.test(line));
    expect(said).toHaveLength(1);
    const seen = parseContainerfile(text).instructions.some((instruction) =>
      instruction.flags.some((flag) => flag.startsWith('--mount')),
    );
    expect({ buildah: said[0] === 'PROBE-MOUNTED', parser: seen }).toEqual({
      buildah: mounted,
      parser: mounted,
    });
  });
});
