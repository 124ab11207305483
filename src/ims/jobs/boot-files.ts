import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { isRegularFile } from '../../fs/is-regular-file.js';

/** Which /boot files a job makes its kernel, initrd and kernel-parameters artifacts of (Cray's job fields). */
export interface BootFileNames {
  kernel: string;
  initrd: string;
  kernelParameters: string;
}

/** The /boot files found for each artifact (paths), and what was used instead of a name that is not there. */
export interface BootFiles {
  kernel?: string;
  initrd?: string;
  kernelParameters?: string;
  notes: string[];
}

/**
 * The named files of the root's /boot. A name that is a link to a file of /boot itself (Debian's `vmlinuz` ->
 * `vmlinuz-6.1.0-...`) is followed; no other link is (the root is someone else's: a link could make this
 * service store a file of its own machine). A kernel or initrd not there by its name is the newest of Debian's
 * versioned ones (vmlinuz-*, Image-*, initrd.img-*), as roots built from Debian have no other; a missing
 * kernel-parameters file is no artifact.
 */
export async function bootFiles(root: string, names: BootFileNames): Promise<BootFiles> {
  const bootDir = path.join(root, 'boot');
  const boot = (await lstat(bootDir).catch(() => undefined))?.isDirectory() ? await readdir(bootDir) : [];
  const named = async (name: string) => {
    const file = path.join(bootDir, name);
    if (!boot.includes(name)) return undefined;
    if (await isRegularFile(file)) return file;
    const target = await readlink(file).catch(() => undefined);
    if (!target || target.includes('/') || target === '..' || target === '.') return undefined;
    return (await isRegularFile(path.join(bootDir, target))) ? path.join(bootDir, target) : undefined;
  };
  const newest = async (prefixes: string[]) => {
    const found = boot.filter((name) => prefixes.some((prefix) => name.startsWith(prefix))).sort();
    for (const name of found.reverse())
      if (await isRegularFile(path.join(bootDir, name))) return path.join(bootDir, name);
    return undefined;
  };
  const notes: string[] = [];
  const either = async (name: string, prefixes: string[]) => {
    const file = await named(name);
    if (file) return file;
    const instead = await newest(prefixes);
    if (instead) notes.push(`/boot/${name} is not a file here: /boot/${path.basename(instead)} is taken`);
    return instead;
  };
  return {
    kernel: await either(names.kernel, ['vmlinuz-', 'Image-']),
    initrd: await either(names.initrd, ['initrd.img-']),
    kernelParameters: await named(names.kernelParameters),
    notes,
  };
}
