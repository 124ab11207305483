import { inputError } from '../errors/stackhook-error.js';

/** What a debootstrap recipe's template_dictionary asks for, each value checked for the argv it reaches. */
export interface DebootstrapTemplate {
  suite: string;
  variant: string;
  mirror: string | undefined;
  packages: string[];
}

// Each value becomes an argument of debootstrap (run as root), a part of an image tag, or a word of apt-get
// install: none may start with `-` (an option), hold `/` or `..` (a path) or a character a shell or URL reads.
const SUITE = /^[a-z]{1,32}$/;
const VARIANTS = ['minbase', 'buildd', 'fakechroot'];
const MIRROR = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.-]{1,127}$/;
const MOST_PACKAGES = 512;

/**
 * The debootstrap settings of a recipe's template_dictionary (`suite` required; `variant` minbase by
 * default; `mirror` an http(s) URL without credentials; `packages` Debian package names, separated by
 * spaces or commas). A bad value is an input error whose description names `template_dictionary.<key>`
 * (what a problem's detail shows); `subject` says where the recipe came from.
 */
export function debootstrapTemplate(
  dictionary: readonly { key: string; value: string }[],
  subject = 'template_dictionary',
): DebootstrapTemplate {
  const template = new Map(dictionary.map(({ key, value }) => [key, value]));
  const shown = (value: string | undefined) => JSON.stringify(value?.slice(0, 200));
  const refuse = (key: string, what: string) =>
    inputError(`template_dictionary.${key} ${shown(template.get(key))} is not ${what}`, subject);
  const suite = template.get('suite');
  if (!suite)
    throw inputError('a debootstrap recipe needs template_dictionary key "suite" (e.g. bookworm)', subject);
  if (!SUITE.test(suite)) throw refuse('suite', 'a suite name (lowercase letters, e.g. bookworm)');
  const variant = template.get('variant') ?? 'minbase';
  if (!VARIANTS.includes(variant)) throw refuse('variant', `a debootstrap variant (${VARIANTS.join(', ')})`);
  const mirror = template.get('mirror');
  if (mirror !== undefined && (!MIRROR.test(mirror) || mirror.includes('..')))
    throw refuse('mirror', 'an http(s) mirror URL without credentials, query or ..');
  const packages = (template.get('packages') ?? '').split(/[\s,]+/).filter(Boolean);
  const odd = packages.find((name) => !PACKAGE.test(name) || name.includes('..'));
  if (odd !== undefined)
    throw inputError(`template_dictionary.packages: ${shown(odd)} is not a Debian package name`, subject);
  if (packages.length > MOST_PACKAGES)
    throw inputError(`template_dictionary.packages: more than ${MOST_PACKAGES} packages`, subject);
  return { suite, variant, mirror, packages };
}
