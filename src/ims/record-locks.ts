/**
 * Runs the changes to one IMS record one after another within this process: a change moves artifacts in the
 * store and writes the row, and two of them interleaved (a delete and an undelete, an upload and a delete)
 * would leave objects where the row does not say they are. The row updates are conditional besides (their row
 * counts decide who won), so another process on the same database can't win a change this one won too.
 */
export class RecordLocks {
  private static readonly shared = new WeakMap<object, RecordLocks>();
  private readonly tails = new Map<string, Promise<void>>();

  /** The locks of one database: every repository on it, in this process, shares them. */
  static of(database: object): RecordLocks {
    let locks = RecordLocks.shared.get(database);
    if (!locks) RecordLocks.shared.set(database, (locks = new RecordLocks()));
    return locks;
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
