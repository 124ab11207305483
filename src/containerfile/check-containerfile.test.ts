import { StackhookError } from '../errors/stackhook-error.js';
import { checkContainerfile } from './check-containerfile.js';
import { ImageAllowList } from './image-allow-list.js';

const BASE = 'localhost/stackhook/debootstrap:bookworm-minbase';
const images = new ImageAllowList([BASE, 'registry.example/builders/']);
const check = (text: string) => checkContainerfile(text, 'Dockerfile', images);

describe('checkContainerfile', () => {
  it.each<[string, string, string[]]>([
    ['a plain build', `FROM ${BASE}\nRUN apt-get update && echo --mount\nCMD ["sh"]\n`, [BASE]],
    ['lowercase instructions', `from ${BASE}\nrun echo hi\n`, [BASE]],
    [
      'an image under an allowed prefix',
      'FROM registry.example/builders/gcc:13\n',
      ['registry.example/builders/gcc:13'],
    ],
    ['scratch', 'FROM scratch\nCOPY a /a\n', []],
    [
      'stages by name and by index, any case',
      `FROM ${BASE} AS Build\nRUN make\nFROM scratch\nCOPY --from=build /out /\nCOPY --from=0 --chown=1:1 --chmod=644 /a /b\nFROM BUILD\n`,
      [BASE],
    ],
    [
      'COPY --link and ADD of a file of the context',
      `FROM ${BASE}\nCOPY --link a /a\nADD --chown=1:1 x.tgz /x\n`,
      [BASE],
    ],
    ['a quoted word that is no flag', `FROM ${BASE}\nRUN "--mount=x" true\n`, [BASE]],
    ['RUN in JSON form, whatever its words', `FROM ${BASE}\nRUN ["--mount=x", "y"]\n`, [BASE]],
    ['HEALTHCHECK flags', `FROM ${BASE}\nHEALTHCHECK --interval=5s --retries=3 CMD true\n`, [BASE]],
    [
      'ARG, ENV, LABEL and a variable in RUN',
      `ARG V=1\nFROM ${BASE}\nENV A=$V\nLABEL a=b\nRUN echo $V\n`,
      [BASE],
    ],
    ['a first-line escape directive', `# escape=\`\nFROM ${BASE}\nRUN echo a \`\n  b\n`, [BASE]],
    ['an allowed FROM --platform', `FROM --platform=linux/amd64 ${BASE}\n`, [BASE]],
  ])('accepts %s', (_label, text, bases) => {
    expect(check(text)).toEqual({ images: bases });
  });

  it.each<[string, string, number, string]>([
    [
      'RUN --mount (CVE-2024-1753)',
      `FROM ${BASE} AS l\nRUN ln -s / /r\nFROM ${BASE}\nRUN --mount=type=bind,from=l,source=/r,target=/h cat /h/etc/shadow\n`,
      4,
      'RUN takes no flags here (--mount)',
    ],
    ['lowercase run --mount', `FROM ${BASE}\nrun --mount=type=cache,target=/c true\n`, 2, '--mount'],
    [
      'RUN then --mount on a continuation line',
      `FROM ${BASE}\nRUN \\\n  --mount=type=bind,target=/h true\n`,
      2,
      '--mount',
    ],
    [
      'a --mount behind a comment inside the continuation',
      `FROM ${BASE}\nRUN \\\n# hidden\n\n    --mount=type=bind,target=/h true\n`,
      2,
      '--mount',
    ],
    [
      'a --mount joined by the backtick escape',
      `# escape=\`\nFROM ${BASE}\nRUN \`\n--mount=x true\n`,
      3,
      '--mount',
    ],
    [
      'an escape directive some parsers skip',
      `# syntax=docker/dockerfile:1\n# escape=\`\nFROM ${BASE}\nRUN true \`\nRUN --mount=x true\n`,
      2,
      'escape directive',
    ],
    ['a flag with quotes inside', `FROM ${BASE}\nRUN --"mount=type=bind,target=/h" true\n`, 2, '--mount'],
    ['RUN --network', `FROM ${BASE}\nRUN --network=host true\n`, 2, '--network'],
    ['RUN --security', `FROM ${BASE}\nRUN --security=insecure true\n`, 2, '--security'],
    ['RUN -- before the command', `FROM ${BASE}\nRUN -- true\n`, 2, 'RUN takes no flags'],
    ['ONBUILD', `FROM ${BASE}\nONBUILD RUN --mount=type=bind,target=/h true\n`, 2, 'ONBUILD'],
    ['lowercase onbuild', `FROM ${BASE}\nonbuild run true\n`, 2, 'ONBUILD'],
    ['an unknown instruction', `FROM ${BASE}\nMOUNT / /h\n`, 2, 'unknown instruction mount'],
    ['a non-ASCII instruction', `FROM ${BASE}\nRUŃ true\n`, 2, 'unknown instruction'],
    ['FROM $X', `ARG X=${BASE}\nFROM $X\n`, 2, 'not a variable'],
    ['FROM ${X}', 'ARG X\nFROM ${X}:latest\n', 2, 'not a variable'],
    ['COPY --from=$X', `FROM ${BASE}\nCOPY --from=$X /etc/shadow /s\n`, 2, 'not a variable'],
    ['FROM --platform=$X', `FROM --platform=$BUILDPLATFORM ${BASE}\n`, 1, 'written out'],
    [
      'FROM an image not allowed',
      'FROM localhost/stackhook/ims-job:123\n',
      1,
      'FROM localhost/stackhook/ims-job:123 is neither',
    ],
    [
      'COPY --from an image not allowed',
      `FROM ${BASE}\nCOPY --from=localhost/secret:1 /k /k\n`,
      2,
      'COPY --from localhost/secret:1',
    ],
    ['COPY --from a later stage', `FROM ${BASE}\nCOPY --from=1 /a /a\nFROM ${BASE}\n`, 2, 'COPY --from 1'],
    ['COPY --from its own stage', `FROM ${BASE} AS me\nCOPY --from=me /a /a\n`, 2, 'COPY --from me'],
    ['FROM a stage named later', `FROM later\nFROM ${BASE} AS later\n`, 1, 'FROM later'],
    ['COPY --exclude', `FROM ${BASE}\nCOPY --exclude=x a /a\n`, 2, 'COPY does not take --exclude'],
    ['COPY --from without a value', `FROM ${BASE}\nCOPY --from a /a\n`, 2, 'needs a value'],
    ['COPY --from= empty', `FROM ${BASE}\nFROM ${BASE}\nCOPY --from= a /a\n`, 3, 'needs a value'],
    ['ADD --keep-git-dir', `FROM ${BASE}\nADD --keep-git-dir=true https://x/y.git /y\n`, 2, '--keep-git-dir'],
    ['ADD --checksum (of a URL)', `FROM ${BASE}\nADD --checksum=sha256:ab https://x/y /y\n`, 2, '--checksum'],
    [
      'ADD of an http URL (fetched on the service machine)',
      `FROM ${BASE}\nADD http://127.0.0.1:5000/v2/ /x\n`,
      2,
      'ADD takes no URL here (http)',
    ],
    [
      'ADD of an https URL',
      `FROM ${BASE}\nADD https://example.org/x.tgz /x\n`,
      2,
      'ADD takes no URL here (https)',
    ],
    ['ADD of a file:// URL', `FROM ${BASE}\nADD file:///etc/shadow /s\n`, 2, '(file)'],
    ['ADD of a git repository', `FROM ${BASE}\nADD https://example.org/r.git /r\n`, 2, 'no URL'],
    ['ADD of git@', `FROM ${BASE}\nADD git@example.org:r /r\n`, 2, 'git repositories'],
    ['ADD of an ssh URL in JSON form', `FROM ${BASE}\nADD ["ssh://x/y", "/y"]\n`, 2, '(ssh)'],
    ['ADD of a variable', `FROM ${BASE}\nENV U=git@example.org:r\nADD $U /r\n`, 3, 'written out'],
    ['a heredoc', `FROM ${BASE}\nRUN <<EOF\nRUN --mount=x\nEOF\n`, 2, 'heredoc'],
    ['ENV with a flag', `FROM ${BASE}\nENV --x=y A=b\n`, 2, 'ENV does not take --x'],
    ['FROM with too many words', `FROM ${BASE} AS a b\n`, 1, 'FROM takes an image'],
  ])('refuses %s', (_label, text, line, message) => {
    let error: unknown;
    try {
      check(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StackhookError);
    expect((error as StackhookError).description).toMatch(new RegExp(`^Dockerfile:${line}: `));
    expect((error as StackhookError).description).toContain(message);
    expect((error as StackhookError).status).toBe(400);
  });
});
