import type { ProbeResult } from '../probe/probe-result.js';
import type { TestResult } from '../records/test-result.js';
import { probeStage, type ProbeStageRequest } from './probe-stage.js';
import { testStage, type TestStageRequest, type TestStageResult } from './test-stage.js';

export type TestAndProbeRequest = Omit<ProbeStageRequest, 'session'> & Omit<TestStageRequest, 'session'>;

/**
 * One container of the built image for both stages: the tests run in it first (a failure stops the image
 * before it is probed, tagged or pushed), then the probes. The container is removed on every path.
 */
export async function testAndProbe(
  request: TestAndProbeRequest,
): Promise<{ tests: TestResult; junitXml: TestStageResult['junitXml']; probe: ProbeResult }> {
  const { engine, built } = request;
  await using session = await engine.openProbeSession(built.imageId, { signal: request.signal });
  const { result, junitXml } = await testStage({ ...request, session });
  const probe = await probeStage({ ...request, session });
  return { tests: result, junitXml, probe };
}
