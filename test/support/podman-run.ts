import { execa } from 'execa';

/** Reads something from an image with a plain `podman run`, independently of stackhook's probe machinery. */
export async function readFromImage(image: string, argv: readonly string[]): Promise<string> {
  const env: Record<string, string> = process.env.CONTAINERS_CONF
    ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF }
    : {};
  const [entrypoint, ...args] = argv;
  const result = await execa(
    process.env.STACKHOOK_PODMAN ?? 'podman',
    ['run', '--rm', '--network', 'none', '--entrypoint', entrypoint!, image, ...args],
    { env },
  );
  return result.stdout.trim();
}

export async function podmanJson<T>(args: readonly string[]): Promise<T> {
  const env: Record<string, string> = process.env.CONTAINERS_CONF
    ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF }
    : {};
  const result = await execa(process.env.STACKHOOK_PODMAN ?? 'podman', args, { env });
  return JSON.parse(result.stdout) as T;
}
