import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { StackhookError } from '../errors/stackhook-error.js';

/**
 * A pass-through that hashes (MD5) and counts what flows through it, and fails with a 413 as soon as more than
 * `limit` bytes came: a body streamed into a store is checked on the way, never held whole.
 */
export class Md5Meter extends Transform {
  private readonly hash = createHash('md5');
  /** Bytes so far (not `size`: lib-storage would take that for the body's length). */
  passed = 0;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.passed += chunk.length;
    if (this.passed > this.limit) {
      callback(
        new StackhookError({
          kind: 'input',
          status: 413,
          description: `the body is larger than this service's limit of ${this.limit} bytes`,
          subject: 'body',
        }),
      );
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** The hex MD5 of everything that went through (once the stream has ended). */
  md5(): string {
    return this.hash.copy().digest('hex');
  }
}
