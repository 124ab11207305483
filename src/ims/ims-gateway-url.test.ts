import { imsGatewayUrl } from './ims-gateway-url.js';

describe('imsGatewayUrl', () => {
  // prettier-ignore
  it.each<[string, string]>([
    ['/apis/ims/v3/recipes', '/ims/v3/recipes'],
    ['/apis/ims/v3/jobs?status=error', '/ims/v3/jobs?status=error'],
    ['/apis/ims/healthz/ready', '/ims/healthz/ready'],
    ['/apis/ims', '/ims'],
    ['/apis/ims?x=1', '/ims?x=1'],
    // Not Cray's gateway path: left as it is.
    ['/apis/imsx/v3/recipes', '/apis/imsx/v3/recipes'],
    ['/ims/v3/recipes', '/ims/v3/recipes'],
    ['/api/v1/swtags', '/api/v1/swtags'],
    ['/x/apis/ims/v3', '/x/apis/ims/v3'],
  ])('%s → %s', (url, expected) => {
    expect(imsGatewayUrl(url)).toBe(expected);
  });
});
