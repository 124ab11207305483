import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorProblem, type Problem } from './error-problem.js';

/**
 * A fastify error handler answering problem details (and logging every 5xx with its error); `extend` adds the
 * members a feature's clients expect beside them (the build API's draft fields).
 */
export function problemErrorHandler(extend?: (problem: Problem) => Record<string, unknown>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = errorProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, `${request.method} ${request.url} failed`);
    return reply
      .code(problem.status)
      .type('application/problem+json')
      .send(extend ? { ...problem, ...extend(problem) } : problem);
  };
}
