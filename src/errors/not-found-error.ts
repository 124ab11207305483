import { StackhookError } from './stackhook-error.js';

export interface NotFoundOptions {
  /** What the error is about, when not `what` itself (a SW-Tag's name, an artifact store's location). */
  subject?: string;
  /** How to get one, after the description. */
  hint?: string;
}

/** `no <what>`: something a request or a command names is not there (the services answer 404). */
export function notFoundError(what: string, options: NotFoundOptions = {}): StackhookError {
  return new StackhookError({
    kind: 'input',
    status: 404,
    description: options.hint === undefined ? `no ${what}` : `no ${what}; ${options.hint}`,
    subject: options.subject ?? what,
  });
}
