import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { buildServiceApp, type ServiceAppOptions } from '../../src/server/build-service-app.js';
import { testEngine } from './test-engine.js';

/**
 * The service with IMS jobs run for real on the tests' podman, and the job runner it made (for `idle()`; close
 * it before the app: its running jobs stop and clean up while the database is still there).
 */
export async function imsJobApp(
  db: ServiceAppOptions['db'],
  store: ArtifactStore,
): Promise<{ app: FastifyInstance; runner: PodmanJobRunner }> {
  let runner: PodmanJobRunner | undefined;
  const app = await buildServiceApp({
    db,
    artifacts: store,
    jobRunner: (context) =>
      (runner = new PodmanJobRunner({ ...context, engine: testEngine(), store, log: new SilentLog() })),
  });
  if (!runner) throw new Error('the service made no job runner');
  return { app, runner };
}
