import { builtStepId } from './built-step-id.js';

// Lines as podman 4.3 (buildah) prints them during `podman build`, captured on this machine.
const cases: Array<[string, string | undefined]> = [
  ['--> 3f2a1b4c5d6', '3f2a1b4c5d6'],
  [
    '--> Using cache 0c7d5ad1b3b5a8b3a1c4f1d0a8f0e6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b',
    '0c7d5ad1b3b5a8b3a1c4f1d0a8f0e6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b',
  ],
  ['--> 0123456789ab', '0123456789ab'],
  ['--> 3f2a1b4c5d', undefined],
  ['STEP 2/3: RUN false', undefined],
  ['COMMIT ims-job-1', undefined],
  ['--> Pushing', undefined],
];

describe('builtStepId', () => {
  it.each(cases)('%j → %j', (line, id) => {
    expect(builtStepId(line)).toBe(id);
  });
});
