import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A Python script of test/fixtures/build-scripts/ (our code making ad-build's build scripts' calls). */
export function buildScriptsFixture(script: string): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'build-scripts', script);
}
