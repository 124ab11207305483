import { safeNext } from './login-page.js';

describe('safeNext', () => {
  it.each([
    ['/swtags/sw1?notice=x#image-2', '/swtags/sw1?notice=x#image-2'],
    ['/', '/'],
    ['/a/./b/../c', '/a/c'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/?next=//evil.example', '/?next=//evil.example'],
    // Elsewhere, however it is spelt, is the search page.
    ['//evil.example/x', '/'],
    ['/.//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['/././/evil.example', '/'],
    ['///evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/./\\evil.example', '/'],
    ['/\\\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['https://evil.example/', '/'],
    ['HTTPS://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['%2F%2Fevil.example', '/'],
    ['evil.example', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a'], '/'],
  ])('goes back to %j as %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it('never gives a Location another host could be read from', () => {
    for (const next of ['/.//x', '/.\\/x', '/%2e//x', '/%2e%2e//x', '/./%09/x'])
      expect(safeNext(next)).not.toMatch(/^\/[/\\]/);
  });
});
