import { applyKiwiTemplate } from './kiwi-template.js';

describe('applyKiwiTemplate', () => {
  it('puts each value in place of its {{ key }}, with or without spaces', () => {
    expect(
      applyKiwiTemplate(
        '<source path="{{ mirror }}"/><package name="{{pkg}}"/>',
        [
          { key: 'mirror', value: 'http://deb.debian.org/debian' },
          { key: 'pkg', value: 'netbase' },
        ],
        'config.kiwi',
      ),
    ).toBe('<source path="http://deb.debian.org/debian"/><package name="netbase"/>');
  });

  it('escapes a value, so that it stays a value and never becomes markup', () => {
    expect(applyKiwiTemplate('<a b="{{ v }}"/>', [{ key: 'v', value: '"/><x y="&' }], 'f')).toBe(
      '<a b="&quot;/&gt;&lt;x y=&quot;&amp;"/>',
    );
  });

  it('names the placeholder and the file when the dictionary has no value for it', () => {
    expect(() => applyKiwiTemplate('<a b="{{ missing }}"/>', [], 'recipe r config.xml')).toThrow(
      'recipe r config.xml: {{ missing }} has no value: add template_dictionary key "missing" to the recipe',
    );
  });

  it('leaves text without placeholders alone', () => {
    expect(applyKiwiTemplate('<a>{ not } {{ 1x }}</a>', [], 'f')).toBe('<a>{ not } {{ 1x }}</a>');
  });
});
