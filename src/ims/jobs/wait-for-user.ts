import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningContainer } from '../../engine/running-container.js';
import { stageError } from '../../errors/stackhook-error.js';
import { sessionDone } from './session-done.js';

/**
 * Waits until a session's user says done (see sessionDone), for at most `waitMs`: an error when the job is
 * stopped, the time runs out or sshd stops. The file is looked for every 0.5 s (cheap); sshd every 5 s (a
 * podman process each time, for hours).
 */
export async function waitForUser(request: {
  container: RunningContainer;
  imageDir: string;
  root: string;
  jail: boolean;
  waitMs: number;
  subject: string;
  signal: AbortSignal;
}): Promise<void> {
  const { container, signal, subject } = request;
  const waited = AbortSignal.any([signal, AbortSignal.timeout(request.waitMs)]);
  for (let tick = 0; !(await sessionDone(request.imageDir, request.root, request.jail)); tick += 1) {
    if (waited.aborted)
      throw stageError(
        signal.aborted ? 'the job was stopped' : `no signal from the user within ${request.waitMs / 1000} s`,
        subject,
      );
    if (tick % 10 === 0 && !(await container.running()))
      throw stageError('sshd stopped', subject, await container.logs());
    await sleep(500);
  }
}
