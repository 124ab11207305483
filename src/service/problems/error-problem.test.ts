import os from 'node:os';
import type { FastifyError, FastifyRequest } from 'fastify';
import { PACKAGE_ROOT } from '../../environment/state-dir.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { errorProblem } from './error-problem.js';
import { hideMachineFolder, scrubMachinePaths } from './scrub-machine-paths.js';

const request = { id: 'a1b2', url: '/api/v1/swtags/sw1' } as FastifyRequest;
const problem = (error: unknown) => errorProblem(error as FastifyError, request);
const input = (description: string, status = 400) =>
  new StackhookError({ kind: 'input', status, description });

describe('errorProblem', () => {
  // prettier-ignore
  it.each<[string, unknown, number, string]>([
    ['an input error', input('no SW-Tag sw9', 404), 404, 'no SW-Tag sw9'],
    ['SQLite unique violation', Object.assign(new Error('UNIQUE constraint failed: swtag.tagtype, swtag.version'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), 409, 'this conflicts with a record the catalog has (two records can not share it)'],
    ['PostgreSQL unique violation', Object.assign(new Error('duplicate key value violates unique constraint "swtag_identity"'), { code: '23505' }), 409, 'this conflicts with a record the catalog has (two records can not share it)'],
    ['an unexpected error', new Error(`ENOENT: no such file or directory, open '${os.homedir()}/.stackhook/catalog.sqlite'`), 500, 'the service failed to answer this request; its log has the error under request id a1b2'],
    ['a stage error', new StackhookError({ kind: 'stage', description: 'SQL: select * from "image" failed' }), 500, 'the service failed to answer this request; its log has the error under request id a1b2'],
    ['a deliberate 503', new StackhookError({ kind: 'stage', status: 503, description: 'this service runs no jobs' }), 503, 'this service runs no jobs'],
    ['a 4xx holding a path', input(`cannot read ${os.tmpdir()}/stackhook/x: it is not a recipe's`), 400, "cannot read <path>: it is not a recipe's"],
    ['a fastify error', Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }), 413, 'Request body is too large'],
  ])('%s', (_, error, status, detail) => {
    expect(problem(error)).toEqual({
      type: 'about:blank',
      title: expect.any(String),
      status,
      detail,
      instance: '/api/v1/swtags/sw1',
      requestId: 'a1b2',
    });
  });
});

describe('scrubMachinePaths', () => {
  const tmp = os.tmpdir();
  hideMachineFolder('/srv/stackhook-artifacts');
  // prettier-ignore
  it.each<[string, string]>([
    [`open '${tmp}/stackhook-x/catalog.sqlite'`, "open '<path>'"],
    [`at file://${PACKAGE_ROOT}/src/x.ts:12:3`, 'at file://<path>'],
    [`see ${os.homedir()} and ${tmp}/a (here): done`, 'see <path> and <path> (here): done'],
    ['/srv/stackhook-artifacts/recipes/x.tar.gz is missing', '<path> is missing'],
    // A URL of the service, a digest, a relative path, what a client wrote itself: not this service's folders.
    ['no route GET /api/v1/tmp', 'no route GET /api/v1/tmp'],
    ['sha256:abc/def and a/tmp/b', 'sha256:abc/def and a/tmp/b'],
    [`${tmp}x/y`, `${tmp}x/y`],
    ['artifacts[1]: file:///etc/passwd is not in the store', 'artifacts[1]: file:///etc/passwd is not in the store'],
  ])('%j as %j', (text, expected) => {
    expect(scrubMachinePaths(text)).toBe(expected);
  });
});
