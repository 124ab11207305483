import { execa } from 'execa';
import { BATCH_EXEC_SCRIPT, BATCH_SHELL, batchArgv, parseBatchOutput } from './batch-exec-script.js';

/** One command's framing as the script writes it. */
function frame(
  index: number,
  exit: number,
  stdout: string | Buffer,
  stderr: string | Buffer = '',
  timedOut = 0,
): Buffer {
  const out = Buffer.from(stdout);
  const err = Buffer.from(stderr);
  return Buffer.concat([
    Buffer.from(`@@stackhook ${index} ${exit} ${out.length} ${err.length} ${timedOut}\n`),
    out,
    err,
  ]);
}

describe('batchArgv', () => {
  it('passes each command as its argument count, then its arguments, after the fixed script', () => {
    const argv = batchArgv([['python3', '--version'], ['printf', '%s', 'a b'], []]);
    expect(argv).toEqual([
      BATCH_SHELL,
      '-c',
      BATCH_EXEC_SCRIPT,
      'stackhook-batch',
      ...['0', '2', 'python3', '--version'],
      ...['0', '3', 'printf', '%s', 'a b'],
      ...['0', '0'],
    ]);
  });

  it("puts each command's time limit in whole seconds before it (0: none)", () => {
    expect(batchArgv([['a'], ['b', 'c']], [2.5, undefined]).slice(4)).toEqual([
      '3',
      '1',
      'a',
      '0',
      '2',
      'b',
      'c',
    ]);
  });

  it('never puts a command into the script text', () => {
    expect(batchArgv([['echo', 'unique-marker']])[2]).not.toContain('unique-marker');
  });
});

describe('parseBatchOutput', () => {
  const commands = [['a'], ['b'], ['c']];

  it.each<[string, Buffer, { exitCode: number; stdout: string; stderr: string; timedOut?: boolean }[]]>([
    [
      'several commands',
      Buffer.concat([frame(0, 0, 'one\n'), frame(1, 2, '', 'bad\n'), frame(2, 0, 'x', 'y')]),
      [
        { exitCode: 0, stdout: 'one\n', stderr: '' },
        { exitCode: 2, stdout: '', stderr: 'bad\n' },
        { exitCode: 0, stdout: 'x', stderr: 'y' },
      ],
    ],
    [
      'multi-byte UTF-8 (byte counts, not characters)',
      Buffer.concat([frame(0, 0, 'héllo ✓ 🐍\n'), frame(1, 0, 'ü', '错误\n'), frame(2, 0, '')]),
      [
        { exitCode: 0, stdout: 'héllo ✓ 🐍\n', stderr: '' },
        { exitCode: 0, stdout: 'ü', stderr: '错误\n' },
        { exitCode: 0, stdout: '', stderr: '' },
      ],
    ],
    [
      'output that looks like framing, NULs and no trailing newline',
      Buffer.concat([
        frame(0, 0, '@@stackhook 1 0 0 0\n\0\n'),
        frame(1, 1, '\n\n', '@@stackhook 2'),
        frame(2, 0, '', ''),
      ]),
      [
        { exitCode: 0, stdout: '@@stackhook 1 0 0 0\n\0\n', stderr: '' },
        { exitCode: 1, stdout: '\n\n', stderr: '@@stackhook 2' },
        { exitCode: 0, stdout: '', stderr: '' },
      ],
    ],
    [
      'a command killed at its time limit',
      Buffer.concat([frame(0, 137, 'started\n', '', 1), frame(1, 0, ''), frame(2, 0, '')]),
      [
        { exitCode: 137, stdout: 'started\n', stderr: '', timedOut: true },
        { exitCode: 0, stdout: '', stderr: '' },
        { exitCode: 0, stdout: '', stderr: '' },
      ],
    ],
    [
      'empty outputs',
      Buffer.concat([frame(0, 0, ''), frame(1, 0, ''), frame(2, 127, '')]),
      [0, 0, 127].map((exitCode) => ({ exitCode, stdout: '', stderr: '' })),
    ],
  ])('splits %s', (_label, output, expected) => {
    const results = parseBatchOutput(output, commands);
    expect(results).toEqual(expected.map((result, index) => ({ argv: commands[index], ...result })));
  });

  // prettier-ignore
  it.each<[string, Buffer, RegExp, number?]>([
    ['stdout cut short', Buffer.concat([frame(0, 0, 'abc'), frame(1, 0, 'hello')]).subarray(0, -2), /batch output truncated in command 1/],
    ['stderr cut short', frame(0, 1, 'out', 'err').subarray(0, -1), /batch output truncated in command 0/],
    ['a multi-byte character cut in half', frame(0, 0, '🐍').subarray(0, -1), /batch output truncated in command 0/],
    ['a missing command', frame(0, 0, 'only one'), /batch output ended before command 1/],
    ['no output at all (no /bin/sh)', Buffer.alloc(0), /batch output ended before command 0/],
    ['a wrong marker', Buffer.from('exec failed: no such file\n'), /unexpected batch header for command 0: exec failed: no such file/],
    ['a wrong index', frame(1, 0, 'x'), /unexpected batch header for command 0: @@stackhook 1 0 1 0/],
    ['a missing field (no exit code)', Buffer.from('@@stackhook 0  3 0\nabc'), /unexpected batch header for command 0/, 1],
    ['a non-numeric field', Buffer.from('@@stackhook 0 0 x 0\n'), /unexpected batch header for command 0/, 1],
  ])('throws on %s', (_label, output, message, count = 2) => {
    expect(() => parseBatchOutput(output, commands.slice(0, count))).toThrow(message);
  });
});

describe('the batch script under the host /bin/sh', () => {
  async function runBatch(commands: string[][], timeouts: (number | undefined)[] = []) {
    const argv = batchArgv(commands, timeouts);
    // Raw bytes, untouched: the framing counts every byte, the final newline included.
    const result = await execa(argv[0]!, argv.slice(1), { encoding: 'buffer', stripFinalNewline: false });
    return parseBatchOutput(Buffer.from(result.stdout), commands);
  }

  // prettier-ignore
  const verbatim = ['two words', `it's "quoted"`, '$HOME', 'a; echo injected', '$(id)', '`id`', '*', 'a\nb', '  padded  ', '',
    '\\n', '-n', '--', '5', 'héllo 🐍'];

  it('hands every argument to the command verbatim: no quoting, expansion or splitting', async () => {
    const commands = verbatim.map((arg) => ['printf', '%s', arg]);
    const results = await runBatch(commands);
    expect(results.map((result) => result.stdout)).toEqual(verbatim);
    expect(results.every((result) => result.exitCode === 0 && result.stderr === '')).toBe(true);
  });

  it('keeps commands with several arguments apart', async () => {
    const results = await runBatch([
      ['printf', '%s|%s|%s', 'a b', '', 'c'],
      ['printf', '[%s]'],
      ['echo', '1', '2'],
    ]);
    expect(results.map((result) => result.stdout)).toEqual(['a b||c', '[]', '1 2\n']);
  });

  it('reports a failing command’s exit code and stderr, next to a good one', async () => {
    const results = await runBatch([
      ['sh', '-c', 'echo partial; echo "it broke" >&2; exit 3'],
      ['printf', 'fine'],
    ]);
    expect(results[0]).toEqual({
      argv: results[0]!.argv,
      exitCode: 3,
      stdout: 'partial\n',
      stderr: 'it broke\n',
    });
    expect(results[1]).toMatchObject({ exitCode: 0, stdout: 'fine', stderr: '' });
  });

  it('reports a missing command with exit code 127', async () => {
    const [missing] = await runBatch([['stackhook-no-such-command', '--version']]);
    expect(missing!.exitCode).toBe(127);
    expect(missing!.stdout).toBe('');
    expect(missing!.stderr).toMatch(/stackhook-no-such-command: .*not found/);
  });

  it('returns results in input order although commands run concurrently', async () => {
    const commands = Array.from({ length: 12 }, (_, index) => [
      'sh',
      '-c',
      `sleep 0.0${12 - index}; printf ${index}`,
    ]);
    const results = await runBatch(commands);
    expect(results.map((result) => result.stdout)).toEqual(commands.map((_, index) => String(index)));
  });

  it('kills a command at its time limit and says so, the others finishing as they do', async () => {
    const started = performance.now();
    const results = await runBatch(
      [
        ['sh', '-c', 'echo started; sleep 30; echo never'],
        ['sh', '-c', 'sleep 0.2; echo in time'],
      ],
      [1, 5],
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(results[0]).toMatchObject({ exitCode: 137, stdout: 'started\n', timedOut: true });
    expect(results[1]).toMatchObject({ exitCode: 0, stdout: 'in time\n' });
    expect(results[1]!.timedOut).toBeUndefined();
  });

  it('keeps the last 16 MiB of a stream that printed more, and says so', async () => {
    const results = await runBatch([
      ['sh', '-c', 'head -c 20000000 /dev/zero; echo the-end'],
      ['printf', 'next'],
    ]);
    expect(results[0]!.stdout.length).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(results[0]!.stdout.length).toBeGreaterThan(15 * 1024 * 1024);
    expect(results[0]!.stdout.endsWith('\0the-end\n')).toBe(true);
    expect(results[0]!.truncated).toBe(true);
    expect(results[1]).toMatchObject({ exitCode: 0, stdout: 'next' });
    expect(results[1]!.truncated).toBeUndefined();
  });

  it('keeps its framing when a command leaves a process behind that goes on writing to its output', async () => {
    const writer = 'i=0; while [ $i -lt 200 ]; do echo "late $i"; i=$((i+1)); sleep 0.01; done';
    const results = await runBatch([
      ['sh', '-c', `(${writer}) & (${writer}) >&2 & echo done`],
      ['sh', '-c', 'sleep 0.3; echo second'],
    ]);
    expect(results[0]).toMatchObject({ exitCode: 0 });
    expect(results[0]!.stdout).toContain('done\n');
    expect(results[1]).toMatchObject({ exitCode: 0, stdout: 'second\n', stderr: '' });
  });

  it('handles no commands at all', async () => {
    expect(await runBatch([])).toEqual([]);
  });
});
