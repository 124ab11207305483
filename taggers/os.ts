import type { Tagger } from '../src/probe/tagger.js';
import { OS_RELEASE, parseOsRelease } from '../src/probe/os-release.js';

/** `<ID>-<VERSION_ID>` from /etc/os-release: debian-12, ubuntu-24.04 (docker-stacks' ubuntu tagger, for any distribution). */
export const osTagger: Tagger = {
  name: 'os',
  commands: [OS_RELEASE],
  value: ([release]) => {
    const fields = parseOsRelease(release?.stdout ?? '');
    const id = fields.get('ID');
    const version = fields.get('VERSION_ID') ?? fields.get('VERSION_CODENAME');
    if (!id || !version) throw new Error('no ID and VERSION_ID in /etc/os-release');
    return `${id}-${version}`;
  },
};
