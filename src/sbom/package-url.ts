import type { Package } from '../records/package.js';
import type { OsRelease } from '../probe/os-release.js';

/**
 * The package-url (https://github.com/package-url/purl-spec) of an installed package: pkg:deb, pkg:pypi or
 * pkg:cran. `os` names the deb namespace and distro qualifier, so apt packages need it.
 */
export function packageUrl(pkg: Package, os?: OsRelease): string {
  switch (pkg.source) {
    case 'apt': {
      if (os === undefined)
        throw new Error(`apt package ${pkg.name}: a deb purl needs the OS (/etc/os-release ID)`);
      // Qualifiers sorted by key, as the canonical form requires; empty values are left out.
      const qualifiers = [
        ['arch', pkg.architecture ?? ''],
        ['distro', os.versionId === '' ? '' : `${os.id.toLowerCase()}-${os.versionId}`],
      ]
        .filter(([, value]) => value !== '')
        .map(([key, value]) => `${key}=${encode(value ?? '')}`)
        .join('&');
      // deb vendors and package names are case-insensitive, so the spec has them lowercased.
      const name = `${encode(os.id.toLowerCase())}/${encode(pkg.name.toLowerCase())}`;
      const purl = `pkg:deb/${name}@${encode(pkg.version)}`;
      return qualifiers === '' ? purl : `${purl}?${qualifiers}`;
    }
    case 'pip':
      // PEP 503 normalisation, as the pypi type definition says (Jinja2: jinja2, ruamel.yaml: ruamel-yaml).
      return `pkg:pypi/${encode(pkg.name.toLowerCase().replace(/[-_.]+/g, '-'))}@${encode(pkg.version)}`;
    case 'R':
      // CRAN names are case-sensitive (rJava), so kept as they are.
      return `pkg:cran/${encode(pkg.name)}@${encode(pkg.version)}`;
  }
}

/**
 * purl percent-encoding: everything but A-Z a-z 0-9 . - _ ~ is encoded, except ':', which the spec says is
 * never encoded (pkg:deb/debian/attr@1:2.4.47-2%2Bb1). encodeURIComponent spares !'()* too: done here.
 */
function encode(component: string): string {
  return encodeURIComponent(component)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%3A/g, ':');
}
