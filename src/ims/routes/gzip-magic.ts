import { Transform, type TransformCallback } from 'node:stream';
import { StackhookError } from '../../errors/stackhook-error.js';

export const notGzip = () =>
  new StackhookError({
    kind: 'input',
    status: 415,
    description: 'the recipe archive must be a gzipped tar (Content-Type: application/gzip)',
    subject: 'body',
  });

/** Passes a stream on, failing with a 415 unless it starts with gzip's magic bytes (1f 8b), or is empty. */
export class GzipMagic extends Transform {
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.head.length >= 2) return callback(null, chunk);
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 2) return callback();
    if (this.head[0] !== 0x1f || this.head[1] !== 0x8b) return callback(notGzip());
    callback(null, this.head);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.head.length >= 2 ? null : notGzip());
  }
}
