import { countBuilds, countImages } from './month-stats.js';

const line = (platform: string, image: string, day = '01'): string =>
  `| \`2025-03-${day}T08:00:00Z\` | \`localhost:5000/o/${image}:${platform}-abc\`<br />\`localhost:5000/o/${image}:${platform}-python-3.12\` | [Git diff](x)<br />[Build manifest](./${platform}-default-${image}-abc) |`;
const page = (lines: string[]): string =>
  `# Images built during 2025-03\n\n| Date | Image | Links |\n| - | - | - |\n${lines.map((each) => `${each}\n`).join('')}`;

describe('countBuilds', () => {
  const twoRuns = page([
    line('x86_64', 'child', '02'),
    line('x86_64', 'base', '02'),
    line('aarch64', 'base', '02'),
    line('x86_64', 'base-extra', '01'),
    line('x86_64', 'child', '01'),
    line('x86_64', 'base', '01'),
    line('aarch64', 'base', '01'),
    line('aarch64', 'child', '01'),
  ]);
  it.each<[string, string, string | undefined, number]>([
    ['the counted image, x86_64 lines only', twoRuns, 'base', 2],
    ['"/<image>:" so that base does not count base-extra', twoRuns, 'base-extra', 1],
    ['an image that is not on the page', twoRuns, 'other', 0],
    ['by default the most often built image', twoRuns, undefined, 2],
    ['by default on a page of aarch64 lines only', page([line('aarch64', 'base')]), undefined, 0],
    ['an empty page', page([]), undefined, 0],
  ])('%s', (_label, content, image, builds) => {
    expect(countBuilds(content, image)).toBe(builds);
  });
});

describe('countImages', () => {
  it.each<[string, number]>([
    [page([]), 0],
    [page([line('x86_64', 'base'), line('aarch64', 'base'), line('x86_64', 'child')]), 3],
  ])('counts "Build manifest" links', (content, images) => {
    expect(countImages(content)).toBe(images);
  });
});
