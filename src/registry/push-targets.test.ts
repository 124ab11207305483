import type { PushedImage } from '../records/pushed-image.js';
import { pushTargetsOf } from './push-targets.js';

describe('pushTargetsOf', () => {
  it('reads each registry and owner once from the references, owners with slashes included', () => {
    const reference = (registry: string, path: string, tag: string) => ({
      registry,
      reference: `${registry}/${path}:${tag}`,
      digest: 'sha256:1',
      attempts: 1,
    });
    const pushed = {
      image: 'base-notebook',
      references: [
        reference('localhost:5000', 'team/base-notebook', 'x86_64-latest'),
        reference('localhost:5000', 'team/base-notebook', 'x86_64-python-3.11'),
        reference('ghcr.io', 'org/stacks/base-notebook', 'x86_64-latest'),
      ],
    } as PushedImage;
    expect(pushTargetsOf(pushed)).toEqual([
      { host: 'localhost:5000', owner: 'team', tlsVerify: false },
      { host: 'ghcr.io', owner: 'org/stacks', tlsVerify: true },
    ]);
  });
});
