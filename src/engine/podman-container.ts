import type { RunningContainer } from './running-container.js';
import type { CommandResult } from './run-command.js';

type Podman = (args: readonly string[]) => Promise<CommandResult>;

/** A detached podman container, known by name; disposal removes it (`--time 0`: nothing waits on SIGTERM). */
export class PodmanContainer implements RunningContainer {
  constructor(
    readonly name: string,
    private readonly podman: Podman,
  ) {}

  async hostPort(containerPort: number): Promise<number> {
    const result = await this.podman(['port', this.name, `${containerPort}/tcp`]);
    const port = Number(result.stdout.trim().split('\n')[0]?.split(':').at(-1));
    if (result.exitCode !== 0 || !Number.isInteger(port) || port <= 0)
      throw new Error(`container ${this.name} publishes no port ${containerPort}: ${result.stderr.trim()}`);
    return port;
  }

  async running(): Promise<boolean> {
    const result = await this.podman(['container', 'inspect', '--format', '{{.State.Running}}', this.name]);
    return result.exitCode === 0 && result.stdout.trim() === 'true';
  }

  async logs(): Promise<string> {
    const result = await this.podman(['logs', this.name]);
    return result.stdout + result.stderr;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.podman(['rm', '--force', '--ignore', '--time', '0', this.name]);
  }
}
