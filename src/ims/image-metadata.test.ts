import { changedMetadata, createdMetadata, MOST_METADATA_KEYS } from './image-metadata.js';

describe('changedMetadata', () => {
  it('sets (to "" without a value) and removes keys, leaving the input as it was', () => {
    const before = { a: '1' };
    expect(changedMetadata(before, { operation: 'set', key: 'b', value: '2' })).toEqual({ a: '1', b: '2' });
    expect(changedMetadata(before, { operation: 'set', key: 'a' })).toEqual({ a: '' });
    expect(changedMetadata(before, { operation: 'remove', key: 'a' })).toEqual({});
    expect(changedMetadata(before, { operation: 'remove', key: 'zzz' })).toEqual({ a: '1' });
    expect(before).toEqual({ a: '1' });
  });

  it('keeps a key named __proto__ as an own key, never as the prototype', () => {
    const changed = changedMetadata({}, { operation: 'set', key: '__proto__', value: 'x' });
    expect(Object.getPrototypeOf(changed)).toBe(Object.prototype);
    expect(Object.keys(changed)).toEqual(['__proto__']);
    expect(JSON.stringify(changed)).toBe('{"__proto__":"x"}');
  });

  it('refuses more than the most keys, naming metadata', () => {
    const full = Object.fromEntries(Array.from({ length: MOST_METADATA_KEYS }, (_, n) => [`k${n}`, '']));
    expect(changedMetadata(full, { operation: 'set', key: 'k0', value: 'x' })).toMatchObject({ k0: 'x' });
    expect(() => changedMetadata(full, { operation: 'set', key: 'one-more' })).toThrow(/metadata: .*at most/);
  });
});

describe('createdMetadata', () => {
  // prettier-ignore
  it.each<[Record<string, string> | undefined, Record<string, string>]>([
    [undefined, {}],
    [{}, {}],
    [{ a: '1', b: '2' }, { a: '1', b: '2' }],
    // Cray's ImageCreateRecord: one key/value pair.
    [{ key: 'includes', value: 'vim' }, { includes: 'vim' }],
    [{ key: 'flag' }, { flag: '' }],
  ])('%j → %j', (metadata, expected) => {
    expect(createdMetadata(metadata)).toEqual(expected);
  });
});
