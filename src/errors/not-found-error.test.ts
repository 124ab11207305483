import { notFoundError } from './not-found-error.js';

describe('notFoundError', () => {
  it('says there is no such thing, as an input error the services answer with 404', () => {
    const error = notFoundError('recipe r1');
    expect(error).toMatchObject({
      kind: 'input',
      status: 404,
      description: 'no recipe r1',
      subject: 'recipe r1',
    });
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('recipe r1: no recipe r1');
  });

  it('takes another subject and a hint on how to get one', () => {
    const error = notFoundError('component c 1 (amd64)', {
      subject: 'c/1/amd64',
      hint: 'give git_url to build it',
    });
    expect(error.message).toBe('c/1/amd64: no component c 1 (amd64); give git_url to build it');
  });
});
