import type { ResultPromise } from 'execa';

/**
 * The address `stackhook serve` prints on stdout once it listens (`http://host:port`). If the process ends
 * before that, the promise fails with what it wrote to stderr.
 */
export function servedAddress(server: ResultPromise): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /^(http:\/\/\S+)$/m.exec(seen);
      if (match) resolve(match[1]!);
    });
    server.then(
      (result) => reject(new Error(`serve ended before it listened:\n${String(result.stderr)}`)),
      reject,
    );
  });
}
