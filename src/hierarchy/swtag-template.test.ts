import { fillSwTagTemplate, placeholders } from './swtag-template.js';

describe('SW-Tag field templates', () => {
  const values: Record<string, string> = {
    python: 'python-3.11.2',
    os: 'debian-12',
    date: '2026-11-23',
    'python-major-minor': 'python-3.11',
    sha: '9d78355d057a',
    image: 'base-notebook',
  };
  it.each([
    ['{python}', 'python-3.11.2'],
    ['{python|version}', '3.11.2'],
    ['{os|version}', '12'],
    ['{python-major-minor|version}', '3.11'],
    ['{date|version}', '2026-11-23'],
    ['{sha|version}', '9d78355d057a'],
    ['Athena-{python|version} on {os}', 'Athena-3.11.2 on debian-12'],
    ['plain text', 'plain text'],
    ['{image}', 'base-notebook'],
  ])('fills %j as %j', (template, expected) => {
    expect(fillSwTagTemplate(template, (name) => values[name]!)).toBe(expected);
  });

  it('lists the placeholders and their filters', () => {
    expect(placeholders('{a}-{b|version}{c|upper}')).toEqual([
      { name: 'a', filter: undefined },
      { name: 'b', filter: 'version' },
      { name: 'c', filter: 'upper' },
    ]);
  });
});
