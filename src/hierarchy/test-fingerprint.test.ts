import { testFingerprint } from './test-fingerprint.js';

const imports = {
  name: 'imports',
  definition: { name: 'imports', run: ['python3', '-c', 'import numpy'], exit: 0 },
};

describe('testFingerprint', () => {
  it('is the same for the same definition', () => {
    expect(testFingerprint(imports)).toBe(testFingerprint(structuredClone(imports)));
    expect(testFingerprint(imports)).toMatch(/^imports@[0-9a-f]{16}$/);
  });
  it.each([
    ['another command', { ...imports.definition, run: ['python3', '-c', 'import scipy'] }],
    ['another exit code', { ...imports.definition, exit: 1 }],
    ['a stdout pattern', { ...imports.definition, stdout: 'ok' }],
  ])('changes with %s', (_, definition) => {
    expect(testFingerprint({ name: 'imports', definition })).not.toBe(testFingerprint(imports));
  });
});
