import { amiEndpoint } from './ami-endpoint.js';

describe('amiEndpoint', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/ami/command'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/ami/command'],
    ['https://host/stackhook', 'https://host/stackhook/ami/command'],
    ['https://host/stackhook/', 'https://host/stackhook/ami/command'],
    ['https://localhost:8443/AMI/FrontEnd', 'https://localhost:8443/AMI/FrontEnd'],
    ['https://host/prefix/AMI2/FrontEnd', 'https://host/prefix/AMI2/FrontEnd'],
    ['http://host/ami/command', 'http://host/ami/command'],
  ])('posts for %s to %s', (catalog, endpoint) => {
    expect(amiEndpoint(catalog).href).toBe(endpoint);
  });

  it.each(['127.0.0.1:8080/x', 'ftp://host/', 'not a url'])('refuses %j, naming -e', (catalog) => {
    expect(() => amiEndpoint(catalog)).toThrow(
      expect.objectContaining({ exitCode: 2, subject: '-e/--catalog' }),
    );
  });
});
