import { expandTestCommand, testTemplateProblem } from './test-command-template.js';

const values = {
  dirs: ['/stack/tests/by_image/base-notebook', '/stack/tests/by_image/minimal-notebook'],
  registry: 'quay.io',
  owner: 'jupyter',
  image: 'minimal-notebook',
  reference: 'quay.io/jupyter/minimal-notebook:x86_64-latest',
};

describe('expandTestCommand', () => {
  // prettier-ignore
  it.each<[string, string[], string[]]>([
    ["docker-stacks' pytest command", ['python3', '-m', 'pytest', '{dirs}', '--registry', '{registry}', '--owner', '{owner}', '--image', '{image}'],
      ['python3', '-m', 'pytest', ...values.dirs, '--registry', 'quay.io', '--owner', 'jupyter', '--image', 'minimal-notebook']],
    ['placeholders inside an argument', ['check', '--image={registry}/{owner}/{image}', '{reference}'],
      ['check', '--image=quay.io/jupyter/minimal-notebook', 'quay.io/jupyter/minimal-notebook:x86_64-latest']],
    ['no placeholders', ['sh', 'tests/run.sh'], ['sh', 'tests/run.sh']],
    ['a value that looks like a placeholder is not expanded again', ['{image}'], ['minimal-notebook']],
  ])('%s', (_label, template, expected) => {
    expect(expandTestCommand(template, values)).toEqual(expected);
  });

  it('expands {dirs} to nothing for an image without test folders', () => {
    expect(expandTestCommand(['pytest', '{dirs}', '-x'], { ...values, dirs: [] })).toEqual(['pytest', '-x']);
  });

  it('never splits or quotes: a value with spaces stays one argument', () => {
    expect(
      expandTestCommand(['run', '{dirs}'], { ...values, dirs: ['/a dir/with "quotes"; rm -rf /'] }),
    ).toEqual(['run', '/a dir/with "quotes"; rm -rf /']);
  });
});

describe('testTemplateProblem', () => {
  // prettier-ignore
  it.each<[string[], { index: number; message: RegExp } | undefined]>([
    [['pytest', '{dirs}', '--image', '{image}'], undefined],
    [['pytest', '{dir}'], { index: 1, message: /^unknown placeholder \{dir\} \(known: \{dirs\}, \{registry\}, \{owner\}, \{image\}, \{reference\}\)$/ }],
    [['pytest', '--dirs={dirs}'], { index: 1, message: /^\{dirs\} expands to one argument per folder: it must be a whole argument$/ }],
    [['echo', '{}'], { index: 1, message: /^unknown placeholder \{\}/ }],
  ])('%j', (template, expected) => {
    const problem = testTemplateProblem(template);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toEqual({ index: expected.index, message: expect.stringMatching(expected.message) });
  });
});
