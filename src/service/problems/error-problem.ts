import type { FastifyError, FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import { isUniqueViolation } from '../database/is-unique-violation.js';
import { scrubMachinePaths } from './scrub-machine-paths.js';
import { validationDetail } from './validation-detail.js';

/** RFC 7807 problem details, with the request's id so that an operator finds the log line of a 5xx. */
export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/**
 * What a client is told about an error. A unique constraint the repositories did not foresee is a 409; a 5xx
 * (but a deliberate 503) says only that the service failed and under which request id (the error itself goes to the log, never to the
 * client: it may hold SQL, paths, internals); no detail holds an absolute path of this machine.
 */
export function errorProblem(error: FastifyError, request: FastifyRequest): Problem {
  const status =
    error instanceof StackhookError
      ? error.status
      : isUniqueViolation(error)
        ? 409
        : typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600
          ? error.statusCode
          : 500;
  // A 503 the service chose to give says what is unavailable; any other 5xx is a failure with internals in it.
  const detail =
    status >= 500 && !(status === 503 && error instanceof StackhookError)
      ? `the service failed to answer this request; its log has the error under request id ${request.id}`
      : error instanceof StackhookError
        ? [error.description, error.details].filter(Boolean).join('\n')
        : error.validation
          ? validationDetail(error.validationContext, error.validation)
          : isUniqueViolation(error)
            ? 'this conflicts with a record the catalog has (two records can not share it)'
            : error.message;
  return {
    type: 'about:blank',
    title: problemTitle(status),
    status,
    detail: scrubMachinePaths(detail),
    // The URL the client asked for (before a rewrite such as IMS's gateway path).
    instance: request.originalUrl ?? request.url,
    requestId: request.id,
  };
}
