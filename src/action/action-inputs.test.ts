import { readActionInputs } from './action-inputs.js';

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('readActionInputs', () => {
  it('fills the defaults', () => {
    expect(readActionInputs(reader({}), 'push')).toEqual({
      command: 'hook',
      hierarchy: 'hierarchy/stacks.yaml',
      images: [],
      registries: [],
      owner: undefined,
      username: undefined,
      password: undefined,
      authFile: undefined,
      platform: undefined,
      variant: undefined,
      push: true,
      test: true,
      jobs: undefined,
      parentsFrom: 'build',
      catalogUrl: undefined,
      catalogToken: undefined,
      wikiRepo: undefined,
      wikiToken: undefined,
      out: '.stackhook/out',
    });
  });

  it.each([
    ['push', 'auto', true],
    ['schedule', 'auto', true],
    ['workflow_dispatch', 'auto', true],
    ['pull_request', 'auto', false],
    ['pull_request_target', 'auto', false],
    ['pull_request', 'true', true],
    ['push', 'false', false],
  ])('on %s with push: %s pushes: %s', (event, push, expected) => {
    expect(readActionInputs(reader({ push }), event).push).toBe(expected);
  });

  it('gives registries without an owner the owner input', () => {
    const inputs = readActionInputs(reader({ owner: 'team', registries: 'ghcr.io\nquay.io/other' }), 'push');
    expect(inputs.registries).toEqual(['ghcr.io/team', 'quay.io/other']);
  });

  it('splits lists on lines, commas and spaces', () => {
    const inputs = readActionInputs(
      reader({ images: 'base-notebook\nscipy-notebook, r-notebook', registries: 'ghcr.io/org quay.io/org' }),
      'push',
    );
    expect(inputs.images).toEqual(['base-notebook', 'scipy-notebook', 'r-notebook']);
    expect(inputs.registries).toEqual(['ghcr.io/org', 'quay.io/org']);
  });

  it.each([
    [
      { command: 'build' },
      'input "command": "build" is not one of hook, walk, plan, push, merge, register, publish',
    ],
    [{ push: 'yes' }, 'input "push": "yes" is not true, false or auto'],
    [{ test: 'no' }, 'input "test": "no" is not true or false'],
    [{ jobs: '0' }, 'input "jobs": "0" is not a number of jobs'],
    [{ jobs: 'two' }, 'input "jobs": "two" is not a number of jobs'],
    [{ 'parents-from': 'cache' }, 'input "parents-from": "cache" is not build or registry'],
    [{ username: 'bot' }, 'input "password": username and password go together'],
    [{ password: 'secret' }, 'input "username": username and password go together'],
    [{ command: 'merge' }, 'input "images": merge needs the images to merge'],
    [
      { images: 'base-notebook --registry=evil.example' },
      'input "images": "--registry=evil.example" is not an image name',
    ],
    [{ images: 'Base_Notebook' }, 'input "images": "Base_Notebook" is not an image name'],
    [{ command: 'publish' }, 'input "wiki-repo": publish needs the wiki'],
  ])('refuses %j naming the input', (inputs, message) => {
    expect(() => readActionInputs(reader(inputs), 'push')).toThrow(message);
  });
});
