import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readBuildEnvironments } from './read-build-environments.js';

const file = async (text: string) => {
  const name = path.join(await mkdtemp(path.join(os.tmpdir(), 'build-envs-')), 'build-envs.yaml');
  await writeFile(name, text);
  return name;
};

describe('readBuildEnvironments', () => {
  it('reads name → image, platform (OCI or machine names; this machine’s by default) and aliases', async () => {
    const envs = await file(
      'rhel9: {image: ghcr.io/ad-build-test/rocky9-env:latest, platform: linux/arm64}\ndeb12:\n  image: localhost/deb12-env:latest\n  aliases: [r.example/deb:12]\n',
    );
    expect(await readBuildEnvironments(envs, 'x86_64')).toEqual([
      { name: 'rhel9', image: 'ghcr.io/ad-build-test/rocky9-env:latest', platform: 'aarch64', aliases: [] },
      {
        name: 'deb12',
        image: 'localhost/deb12-env:latest',
        platform: 'x86_64',
        aliases: ['r.example/deb:12'],
      },
    ]);
  });

  it.each([
    [
      'a platform it does not know',
      'rhel9:\n  image: x/y:1\n  platform: linux/s390x\n',
      ':3 rhel9.platform: unknown platform "linux/s390x"',
    ],
    ['an unknown key', 'rhel9:\n  image: x/y:1\n  pull: always\n', ':3 rhel9.pull: unknown key(s): pull'],
    ['no image', 'rhel9:\n  platform: x86_64\n', ':1 rhel9.image'],
    ['a taken name', 'x86_64:\n  image: x/y:1\n', 'x86_64, aarch64 and noarch are taken'],
    ['an upper-case name', 'Rocky9:\n  image: x/y:1\n', 'an environment name is a lowercase name'],
    ['not YAML', 'rhel9: [\n', ':'],
  ])('refuses %s, naming the file, line and key', async (_label, text, message) => {
    const envs = await file(text);
    await expect(readBuildEnvironments(envs, 'x86_64')).rejects.toThrow(envs);
    await expect(readBuildEnvironments(envs, 'x86_64')).rejects.toThrow(message);
  });
});
