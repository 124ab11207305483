import { AuthFailures } from './auth-failures.js';

describe('AuthFailures', () => {
  it('answers 429 past the limit, for that address only, and forgets it after a minute', () => {
    let now = 1_000_000;
    const failures = new AuthFailures(3, () => now);
    for (let n = 0; n < 3; n++) expect(() => failures.record('10.0.0.1')).not.toThrow();
    expect(() => failures.record('10.0.0.1')).toThrow(/too many failed authentications/);
    expect(() => failures.record('10.0.0.2')).not.toThrow();
    now += 60_001;
    expect(() => failures.record('10.0.0.1')).not.toThrow();
  });
});
