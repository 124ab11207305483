import { buildahAdvisories } from './buildah-advisories.js';

describe('buildahAdvisories', () => {
  it.each<[string, string[]]>([
    ['1.28.2', ['CVE-2024-1753', 'CVE-2024-9675', 'CVE-2024-11218']],
    ['1.29.3', ['CVE-2024-9675', 'CVE-2024-11218']],
    ['1.29.5', ['CVE-2024-9675']],
    ['1.33.6', ['CVE-2024-1753', 'CVE-2024-9675', 'CVE-2024-11218']],
    ['1.33.12', []],
    ['1.35.0', ['CVE-2024-1753', 'CVE-2024-9675', 'CVE-2024-11218']],
    ['1.35.1', ['CVE-2024-9675', 'CVE-2024-11218']],
    ['1.37.6', []],
    ['1.38.0', ['CVE-2024-11218']],
    ['1.39.0-dev', []],
    ['2.0.0', []],
    ['unknown', ['CVE-2024-1753', 'CVE-2024-9675', 'CVE-2024-11218']],
  ])('buildah %s: %j', (version, ids) => {
    expect(buildahAdvisories(version).map(({ id }) => id)).toEqual(ids);
  });
});
