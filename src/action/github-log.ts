import * as core from '@actions/core';
import type { Log } from '../log/log.js';
import { redact } from '../log/redact.js';

/**
 * The Log for a GitHub Actions runner: each step a collapsible group with its duration, warnings and errors as
 * annotations, every secret masked by the runner (`add-mask`) and redacted here too. Steps run in parallel
 * (walk) share one group stream: a nested or overlapping step is logged as a plain line instead of a group.
 */
export class GitHubLog implements Log {
  private readonly secrets = new Set<string>();
  private grouped = false;

  constructor(private readonly verbose = false) {}

  debug(message: string): void {
    if (this.verbose) core.info(this.clean(message));
    else core.debug(this.clean(message));
  }

  info(message: string): void {
    core.info(this.clean(message));
  }

  warn(message: string): void {
    core.warning(this.clean(message));
  }

  error(message: string): void {
    core.error(this.clean(message));
  }

  async step<T>(title: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const group = !this.grouped;
    if (group) {
      this.grouped = true;
      core.startGroup(this.clean(title));
    } else core.info(`▶ ${this.clean(title)}`);
    const seconds = () => `${((performance.now() - started) / 1000).toFixed(2)}s`;
    try {
      const result = await work();
      core.info(`✓ ${this.clean(title)} (${seconds()})`);
      return result;
    } catch (error) {
      core.info(`✗ ${this.clean(title)} (${seconds()})`);
      throw error;
    } finally {
      if (group) {
        core.endGroup();
        this.grouped = false;
      }
    }
  }

  addSecret(secret: string): void {
    if (!secret) return;
    this.secrets.add(secret);
    core.setSecret(secret);
  }

  private clean(message: string): string {
    return redact(message, this.secrets);
  }
}
