import { splitBuilderFlags } from './split-builder-flags.js';

describe('splitBuilderFlags', () => {
  it.each<[string, string[], string]>([
    ['echo hi', [], 'echo hi'],
    ['--mount=type=bind,target=/h cat /h', ['--mount=type=bind,target=/h'], 'cat /h'],
    ['  --network=host   --security=insecure true', ['--network=host', '--security=insecure'], 'true'],
    ['--from="a b" /x /y', ['--from=a b'], '/x /y'],
    ["--chown='1:1' /x /y", ['--chown=1:1'], '/x /y'],
    ['--mo\\unt=x y', ['--mount=x'], 'y'],
    ['-- --mount=x y', ['--'], ' --mount=x y'],
    ['-x --mount=y z', [], '-x --mount=y z'],
    ['--link', ['--link'], ''],
    ['--a\u00a0--b c', ['--a\ufffd', '--b'], 'c'],
    ['["--mount=x", "y"]', [], '["--mount=x", "y"]'],
  ])('%j → %j then %j', (text, flags, rest) => {
    expect(splitBuilderFlags(text)).toEqual({ flags, rest });
  });
});
