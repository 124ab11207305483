import { Readable } from 'node:stream';
import { readPassword } from './read-password.js';

describe('readPassword', () => {
  it.each([
    ['s3cret\n', 's3cret'],
    ['s3cret\r\n', 's3cret'],
    ['with space  \n', 'with space  '],
    ['', ''],
  ])('%j', async (input, password) => {
    expect(await readPassword(Readable.from([Buffer.from(input)]))).toBe(password);
  });
});
