import type { ImageSpec } from '../hierarchy/hierarchy.js';
import { imageLabels } from './image-labels.js';

const spec = { name: 'base-notebook', description: 'Jupyter Notebook' } as ImageSpec;
const base = {
  spec,
  inputDigest: `sha256:${'1'.repeat(64)}`,
  parentImageId: '2'.repeat(64),
  repository: 'org/stacks',
  gitSha: 'a'.repeat(40),
  licenses: 'BSD-3-Clause',
  created: new Date('2026-11-23T10:11:12.345Z'),
};

describe('imageLabels', () => {
  it('sets the OCI image labels and stackhook’s own', () => {
    expect(imageLabels(base)).toEqual({
      'org.opencontainers.image.title': 'base-notebook',
      'org.opencontainers.image.description': 'Jupyter Notebook',
      'org.opencontainers.image.url': 'https://github.com/org/stacks',
      'org.opencontainers.image.source': 'https://github.com/org/stacks',
      'org.opencontainers.image.version': 'aaaaaaaaaaaa',
      'org.opencontainers.image.revision': 'a'.repeat(40),
      'org.opencontainers.image.created': '2026-11-23T10:11:12Z',
      'org.opencontainers.image.licenses': 'BSD-3-Clause',
      'io.stackhook.input-digest': `sha256:${'1'.repeat(64)}`,
      'io.stackhook.parent-image': '2'.repeat(64),
    });
  });

  it('leaves out what is not known rather than setting it empty', () => {
    const labels = imageLabels({
      ...base,
      spec: { name: 'root', description: undefined } as ImageSpec,
      repository: undefined,
      licenses: undefined,
      parentImageId: undefined,
    });
    expect(Object.keys(labels).sort()).toEqual([
      'io.stackhook.input-digest',
      'org.opencontainers.image.created',
      'org.opencontainers.image.description',
      'org.opencontainers.image.revision',
      'org.opencontainers.image.title',
      'org.opencontainers.image.version',
    ]);
  });
});
