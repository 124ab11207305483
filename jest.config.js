// ESM + ts-jest: sources are transpiled per file (isolatedModules); `npm run typecheck` does the type checking.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
};

export default {
  // Integration tests build images with podman: minutes, not seconds (a global option, not per project).
  testTimeout: 600_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{src,taggers,manifests}/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.{int,e2e}.test.ts'],
    },
  ],
};
