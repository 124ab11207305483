import { hideUrlCredentials } from './hide-url-credentials.js';

describe('hideUrlCredentials', () => {
  it.each([
    ['postgres://ops:s3cret@db:5432/catalog', 'postgres://***@db:5432/catalog', 's3cret'],
    ['postgres://ops:p@ss@db/catalog', 'postgres://***@db/catalog', 'p@ss'],
    ['postgres://ops:p%40ss@db/catalog', 'postgres://***@db/catalog', 'p@ss'],
    ['https://bot:tok@catalog.example.org/', 'https://***@catalog.example.org/', 'tok'],
    ['postgres://ops@db/catalog', 'postgres://***@db/catalog', undefined],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', undefined],
    ['.stackhook/catalog.sqlite', '.stackhook/catalog.sqlite', undefined],
  ])('%s is shown as %s', (location, display, password) => {
    expect(hideUrlCredentials(location)).toEqual({ display, password });
  });
});
