import type { FastifyError, FastifyInstance } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';

/** Cray's 400: a request that needs a body came without one (or with an empty one). */
class NoInputError extends StackhookError {}

const noInput = () =>
  new NoInputError({
    kind: 'input',
    status: 400,
    description: 'no input provided: this request needs a JSON body with at least one field',
    subject: 'body',
  });

/** What Cray's server reads as no input: nothing, null, `{}` or `[]`. */
function isNoInput(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  return typeof body === 'object' && Object.keys(body).length === 0;
}

/**
 * Cray IMS's statuses on every IMS route: 400 for a body that is missing, empty or not JSON; 422 for data that
 * was read but is not valid (a schema's refusal, or a record's rule: a link out of the store, a bad manifest,
 * a template key); 404 for an id that names no record (a malformed one included, as Cray's lookups find
 * nothing). The problem itself is written by the service's error handler, which this one hands the error on to.
 */
export function registerCrayStatuses(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.schema?.body && isNoInput(request.body)) throw noInput();
  });
  app.setErrorHandler((error: FastifyError) => {
    throw crayStatus(error);
  });
}

function crayStatus(error: FastifyError): unknown {
  if (error.validation) {
    error.statusCode = error.validationContext === 'params' ? 404 : 422;
    return error;
  }
  if (error instanceof StackhookError && error.status === 400 && !(error instanceof NoInputError))
    return new StackhookError({
      kind: error.kind,
      status: 422,
      description: error.description,
      ...(error.subject === undefined ? {} : { subject: error.subject }),
      ...(error.details === undefined ? {} : { details: error.details }),
      cause: error,
    });
  return error;
}
