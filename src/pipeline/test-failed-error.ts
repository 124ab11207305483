import { StackhookError } from '../errors/stackhook-error.js';

/** A stage error for an image whose tests failed, with where its JUnit report is (for the Action's summary). */
export class TestFailedError extends StackhookError {
  constructor(
    options: { description: string; subject: string; details: string },
    /** The JUnit XML report of the image's tests. */
    readonly junit: string,
  ) {
    super({ kind: 'stage', ...options });
    this.name = 'TestFailedError';
  }
}
