import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { ComponentBuilds } from '../../src/buildapi/component/component-builds.js';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { ImageAllowList } from '../../src/containerfile/image-allow-list.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import type { ServiceAppOptions } from '../../src/server/build-service-app.js';
import { testBaseImage, testEngine } from './test-engine.js';

/**
 * The build API's parts as the tests run them: component builds with the test podman in the test base image,
 * tarballs in `store`; image builds pushed to the test registry under `owner`, FROM the test base image only.
 */
export function buildApiParts(
  store: ArtifactStore,
  options: { owner: string; schemes: string[] },
): Pick<ServiceAppOptions, 'artifacts' | 'componentBuilds' | 'imageBuilder'> {
  const engine = testEngine();
  const registry = process.env.STACKHOOK_TEST_REGISTRY!;
  return {
    artifacts: store,
    componentBuilds: (context) =>
      new ComponentBuilds({
        ...context,
        engine,
        store,
        log: new SilentLog(),
        schemes: options.schemes,
        defaultImage: testBaseImage(),
      }),
    imageBuilder: (catalog) =>
      new ImageBuilder({
        ...catalog,
        engine,
        log: new SilentLog(),
        target: { host: registry, owner: options.owner, tlsVerify: false },
        registry: new RegistryClient(registry),
        baseImages: new ImageAllowList([testBaseImage()]),
      }),
  };
}
