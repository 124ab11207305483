import type { InheritedSwTag } from '../hierarchy/swtag-mapping-field.js';
import type { BuildRecord } from '../records/build-record.js';
import { fillSwTagFields } from './fill-swtag-fields.js';

const record = {
  image: 'scipy-notebook',
  platform: 'aarch64',
  variant: 'default',
  probe: {
    tags: [
      { tagger: 'os', raw: 'ubuntu-24.04', value: 'ubuntu-24.04' },
      { tagger: 'python', raw: 'python-3.12.3', value: 'python-3.12.3' },
      { tagger: 'pytorch', raw: 'pytorch-2.1.0+cpu', value: 'pytorch-2.1.0_cpu' },
    ],
  },
} as unknown as BuildRecord;
const context = { registry: 'quay.io', owner: 'jupyter' };
const mapping = (templates: InheritedSwTag['templates']): InheritedSwTag => ({
  templates,
  subjects: Object.fromEntries(
    Object.keys(templates).map((field) => [field, `stacks.yaml:9 swtag.${field}`]),
  ),
});

describe('fillSwTagFields', () => {
  it.each([
    [{ imageArch: '{platform}' }, { imagearch: 'aarch64' }],
    [{ imagePlatform: '{os}' }, { imageplatform: 'ubuntu-24.04' }],
    [{ swRelease: 'py{python|version}' }, { swrelease: 'py3.12.3' }],
    // The catalog takes a tagger's value as it found it, not as sanitised for a tag.
    [{ swRelease: '{pytorch|version}' }, { swrelease: '2.1.0+cpu' }],
    [
      { imageType: '{registry}/{owner}/{image}:{variant}' },
      { imagetype: 'quay.io/jupyter/scipy-notebook:default' },
    ],
    [{ comment: '' }, { comment: '' }],
  ])('fills %j as %j', (templates, expected) => {
    expect(fillSwTagFields(mapping(templates), record, context)).toEqual(expected);
  });

  it('names the image, the tagger and where the field is written when a tagger found nothing', () => {
    expect(() => fillSwTagFields(mapping({ swRelease: '{r}' }), record, context)).toThrow(
      'stacks.yaml:9 swtag.swRelease: the r tagger found nothing in image scipy-notebook, so its SW-Tag swRelease can’t be filled'.replace(
        '’',
        "'",
      ),
    );
  });

  it('refuses an identity field that comes out empty', () => {
    expect(() => fillSwTagFields(mapping({ version: '  ' }), record, context)).toThrow(
      "stacks.yaml:9 swtag.version: image scipy-notebook's SW-Tag version came out empty",
    );
  });
});
