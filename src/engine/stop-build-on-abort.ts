import { killDescendants } from './kill-descendants.js';

/**
 * Stops a `podman build` when `signal` aborts, without leaving anything behind. Killing podman itself leaves
 * the running step's processes and its working container (seen with SIGTERM and SIGINT alike); killing the
 * step's processes instead makes the step fail, and podman then removes its container (`--force-rm`) and
 * exits. Steps that run nothing (COPY, commit) finish first; podman is killed outright after 60 s.
 * Returns what to call once podman has exited (a later abort must not touch a pid that may be reused).
 */
export function stopBuildOnAbort(pid: number, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    const started = Date.now();
    timer = setInterval(() => {
      if (!isAlive(pid)) return clearInterval(timer);
      if (Date.now() - started > 60_000) {
        clearInterval(timer);
        return signalProcess(pid, 'SIGKILL');
      }
      void killDescendants(pid);
    }, 250);
    timer.unref();
    void killDescendants(pid);
  };
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return () => {
    signal.removeEventListener('abort', stop);
    clearInterval(timer);
  };
}

/** false when there is no such process (any more). */
function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  return signalProcess(pid, 0);
}
