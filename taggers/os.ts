import type { Tagger } from '../src/probe/tagger.js';

/** `<ID>-<VERSION_ID>` from /etc/os-release: debian-12, ubuntu-24.04 (docker-stacks' ubuntu tagger, for any distribution). */
export const osTagger: Tagger = {
  name: 'os',
  commands: [['cat', '/etc/os-release']],
  value: ([release]) => {
    const fields = new Map(
      (release?.stdout ?? '')
        .split('\n')
        .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => [match[1]!, match[2]!.replace(/^["']|["']$/g, '')]),
    );
    const id = fields.get('ID');
    const version = fields.get('VERSION_ID') ?? fields.get('VERSION_CODENAME');
    if (!id || !version) throw new Error('no ID and VERSION_ID in /etc/os-release');
    return `${id}-${version}`;
  },
};
