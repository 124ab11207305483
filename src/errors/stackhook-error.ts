/** `input`: the user's config or arguments are wrong (exit 2). `stage`: a build, probe or write failed (exit 1). */
export type ErrorKind = 'input' | 'stage';

export interface StackhookErrorOptions {
  kind: ErrorKind;
  /** What went wrong, in one sentence. */
  description: string;
  /** What it happened to: `file:line key`, an image name, a tagger. */
  subject?: string;
  /** Extra lines shown under the description (stderr tail, a Dockerfile step). */
  details?: string;
  cause?: unknown;
  /** For the services: the HTTP status the problem maps to (400 when unset for input, 500 for stage). */
  status?: number;
}

/** The one error type stackhook reports to users. */
export class StackhookError extends Error {
  readonly kind: ErrorKind;
  readonly description: string;
  readonly subject: string | undefined;
  readonly details: string | undefined;
  readonly status: number;

  constructor(options: StackhookErrorOptions) {
    super(
      options.subject ? `${options.subject}: ${options.description}` : options.description,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'StackhookError';
    this.kind = options.kind;
    this.description = options.description;
    this.subject = options.subject;
    this.details = options.details;
    this.status = options.status ?? (options.kind === 'input' ? 400 : 500);
  }

  get exitCode(): 1 | 2 {
    return this.kind === 'input' ? 2 : 1;
  }

  /** Multi-line text for a terminal. */
  render(): string {
    const lines = [`error: ${this.message}`];
    if (this.details) lines.push(...this.details.split('\n').map((line) => `  ${line}`));
    if (this.cause instanceof Error && !(this.cause instanceof StackhookError) && this.cause.message) {
      lines.push(`  caused by: ${this.cause.message.split('\n')[0]}`);
    }
    return lines.join('\n');
  }
}

export function inputError(description: string, subject?: string, details?: string): StackhookError {
  return new StackhookError({ kind: 'input', description, subject, details });
}

export function stageError(
  description: string,
  subject?: string,
  details?: string,
  cause?: unknown,
): StackhookError {
  return new StackhookError({ kind: 'stage', description, subject, details, cause });
}
