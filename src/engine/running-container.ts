/** A detached container; disposing of it stops and removes it (on every path, with `await using`). */
export interface RunningContainer extends AsyncDisposable {
  readonly name: string;
  /** The host port a published container port was given. */
  hostPort(containerPort: number): Promise<number>;
  /** true while its main process runs. */
  running(): Promise<boolean>;
  /** Everything it printed so far (stdout and stderr). */
  logs(): Promise<string>;
}
