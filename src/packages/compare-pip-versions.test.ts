import { compare, valid } from '@renovatebot/pep440';
import { pep440Pairs } from '../../test/support/version-order.js';
import { compareLooseVersions } from './compare-loose-versions.js';
import { comparePipVersions } from './compare-pip-versions.js';
import { compareVersions } from './package-changes.js';

const pairs = pep440Pairs();

describe('pip versions in PEP 440 order', () => {
  it('checks thousands of pairs, every spelling valid', () => {
    expect(pairs.length).toBeGreaterThan(5000);
    expect(pairs.filter(([a]) => valid(a) === null)).toEqual([]);
  });

  it('orders every pair of test/fixtures/versions/pep440-order.txt as PEP 440 and the library do', () => {
    const wrong = pairs.filter(([a, b, order]) => comparePipVersions(a, b) !== order);
    const libraryWrong = pairs.filter(([a, b, order]) => Math.sign(compare(a, b)) !== order);
    expect(wrong).toEqual([]);
    expect(libraryWrong).toEqual([]);
  });

  // prettier-ignore
  it.each<[string, string, number]>([
    // An upgrade the loose rules called a downgrade, equal spellings they told apart, local versions they ignored.
    ['1.0.0', '1.0.post1', -1],
    ['1.0c1', '1.0rc1', 0],
    ['1.0-1', '1.0.post1', 0],
    ['2.1.0', '2.1.0+cpu', -1],
    ['2.1.0+cpu', '2.1.0+cu121', -1],
    ['1.0+abc.7', '1.0+5', -1],
    ['1.0.post1.dev0', '1.0.post1', -1],
    ['1!0.1', '2024.1', 1],
  ])('pip: %s vs %s is %i', (a, b, order) => {
    expect(compareVersions('pip', a, b)).toBe(order);
    expect(compareVersions('pip', b, a)).toBe(-order || 0);
  });

  it('the loose rules got some of these wrong (what the change fixes)', () => {
    const looseWrong = pairs.filter(([a, b, order]) => compareLooseVersions(a, b) !== order);
    expect(looseWrong.length).toBeGreaterThan(0);
    expect(looseWrong).toContainEqual(['0.1.0', '0.1.post1', -1]);
    expect(looseWrong).toContainEqual(['0.1c1', '0.1rc1', 0]);
  });

  // prettier-ignore
  it.each<[string, string, number]>([
    // Not PEP 440: both sides by the loose rules (a word before the end of the release, numbers after it).
    ['1.0-beta-custom', '1.0', -1],
    ['unknown', '0.1', -1],
    ['1.0-beta-custom', '1.0-beta-custom', 0],
    ['2.0.0-SNAPSHOT-2', '2.0.1', -1],
  ])('pip, an invalid version falls back to the loose rules: %s vs %s is %i', (a, b, order) => {
    expect(valid(a) === null || valid(b) === null).toBe(true);
    expect(comparePipVersions(a, b)).toBe(order);
    expect(comparePipVersions(b, a)).toBe(-order || 0);
  });

  it('R keeps R’s rules: 1.0-7 == 1.0.7, which PEP 440 reads as a post-release', () => {
    expect(compareVersions('R', '1.0-7', '1.0.7')).toBe(0);
    expect(compareVersions('pip', '1.0-7', '1.0.7')).toBe(-1);
    expect(compareVersions('R', '1.0-7', '1.0-10')).toBe(-1);
  });
});
