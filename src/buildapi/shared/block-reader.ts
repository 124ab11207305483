/** Reads exact byte counts from a stream's chunks (a tar's 512-byte blocks and the data between them). */
export class BlockReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** Exactly `count` bytes, or undefined when the stream ends first. */
  async read(count: number): Promise<Buffer | undefined> {
    while (this.length < count) {
      const next = await this.chunks.next();
      if (next.done) return undefined;
      this.buffered.push(next.value);
      this.length += next.value.length;
    }
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    this.buffered = all.length > count ? [all.subarray(count)] : [];
    this.length = all.length - count;
    return all.subarray(0, count);
  }
}
