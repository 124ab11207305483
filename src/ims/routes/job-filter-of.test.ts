import { ageMs, jobFilterOf } from './job-filter-of.js';

describe('jobFilterOf', () => {
  it('reads Cray’s ages', () => {
    expect(ageMs('1d')).toBe(86_400_000);
    expect(ageMs('6h')).toBe(6 * 3_600_000);
    expect(ageMs('2w3d')).toBe(17 * 86_400_000);
    expect(ageMs('90M')).toBe(90 * 60_000);
  });

  it.each(['', 'd', '1', '1y', '1d;', '-1d'])('refuses the age %j', (age) => {
    expect(() => ageMs(age)).toThrow(/unsupported age/);
  });

  it('takes a filter once or repeated, and refuses a value Cray has not', () => {
    const now = Date.parse('2025-01-02T00:00:00Z');
    expect(jobFilterOf({ status: 'error', job_type: ['create', 'customize'], age: '1d' }, now)).toEqual({
      statuses: ['error'],
      jobTypes: ['create', 'customize'],
      createdBefore: new Date('2025-01-01T00:00:00Z'),
    });
    expect(jobFilterOf({})).toEqual({ statuses: undefined, jobTypes: undefined, createdBefore: undefined });
    expect(() => jobFilterOf({ status: ['error', 'queued'] })).toThrow(/unsupported status "queued"/);
    expect(() => jobFilterOf({ job_type: 'build' })).toThrow(/unsupported job_type/);
  });
});
