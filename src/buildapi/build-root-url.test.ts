import { buildApiRootUrl } from './build-root-url.js';

describe('buildApiRootUrl', () => {
  it.each([
    ['/component', '/build/component'],
    ['/component?component=a&tag=v1', '/build/component?component=a&tag=v1'],
    ['/image', '/build/image'],
    ['/image?component=a', '/build/image?component=a'],
    ['/jobs/0f3c', '/build/jobs/0f3c'],
    ['/jobs/0f3c/log', '/build/jobs/0f3c/log'],
    ['/jobs/0f3c/log?x=1', '/build/jobs/0f3c/log?x=1'],
    // Not the build API's: left as they are.
    ['/components', '/components'],
    ['/imagex', '/imagex'],
    ['/jobs', '/jobs'],
    ['/jobs/a/b', '/jobs/a/b'],
    ['/build/component', '/build/component'],
    ['/api/v1/images', '/api/v1/images'],
    ['/ims/v3/jobs/1', '/ims/v3/jobs/1'],
    ['/', '/'],
  ])('%s → %s', (url, expected) => {
    expect(buildApiRootUrl(url)).toBe(expected);
  });
});
