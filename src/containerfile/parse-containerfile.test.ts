import { parseContainerfile } from './parse-containerfile.js';

/** Each instruction as `line name [flags] args`. */
const shown = (text: string) =>
  parseContainerfile(text).instructions.map(
    ({ line, name, flags, args }) => `${line} ${name} [${flags.join(' ')}] ${args}`,
  );

describe('parseContainerfile', () => {
  it.each<[string, string, string[]]>([
    [
      'one instruction per line, names lowercased',
      'FROM a\nrun echo hi\n',
      ['1 from [] a', '2 run [] echo hi'],
    ],
    ['comments and blank lines dropped', '# c\n\n  # c\nFROM a\n', ['4 from [] a']],
    [
      'continuation lines joined, flags split off',
      'RUN \\\n --mount=type=bind,target=/h \\\n cat /h\n',
      ['1 run [--mount=type=bind,target=/h] cat /h'],
    ],
    [
      'comment and blank lines inside a continuation skipped',
      'RUN echo a \\\n# RUN nothing\n\n   \\\n  b\nUSER x\n',
      ['1 run [] echo a      b', '6 user [] x'],
    ],
    ['a continuation with spaces after the escape', 'RUN a \\  \t\n--x\n', ['1 run [] a --x']],
    ['a comment never continues', '# a \\\nRUN b\n', ['2 run [] b']],
    ['the backtick escape directive', '# escape=`\nRUN a `\n--mount=x b\n', ['2 run [] a --mount=x b']],
    [
      'with the backtick escape, a backslash ends no line',
      '#escape = `\nRUN a \\\nRUN --mount=x b\n',
      ['2 run [] a \\', '3 run [--mount=x] b'],
    ],
    ['CRLF line ends', 'FROM a\r\nRUN \\\r\n--mount=x b\r\n', ['1 from [] a', '2 run [--mount=x] b']],
    ['a byte-order mark', '\uFEFFFROM a\n', ['1 from [] a']],
    ['leading non-ASCII spaces, as Go trims them', '\u00a0\u3000RUN --mount=x b\n', ['1 run [--mount=x] b']],
    ['a file ending inside a continuation', 'RUN a \\\n', ['1 run [] a']],
    ['JSON form kept whole', 'CMD ["a", "b"]\n', ['1 cmd [] ["a", "b"]']],
    [
      'tabs between the name and its arguments',
      'ONBUILD\tRUN --mount=x y\n',
      ['1 onbuild [] RUN --mount=x y'],
    ],
  ])('%s', (_label, text, instructions) => {
    expect(shown(text)).toEqual(instructions);
  });

  it.each<[string, string, number]>([
    ['an escape directive after the first line', '# syntax=x\n# escape=`\nFROM a\n', 2],
    ['an escape directive later in the file', 'FROM a\n# ESCAPE = `\n', 2],
    ['an escape directive with another character', '# escape=x\nFROM a\n', 1],
    ['an escape directive with more after it', '# escape=` x\nFROM a\n', 1],
  ])('finds %s', (_label, text, line) => {
    expect(parseContainerfile(text).problems).toEqual([{ line, message: expect.stringContaining('escape') }]);
  });
});
