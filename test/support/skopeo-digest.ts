import { execa } from 'execa';

/** The manifest digest a registry holds for a reference, read by skopeo (independently of stackhook's code). */
export async function skopeoDigest(reference: string): Promise<string> {
  const { stdout } = await execa('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`]);
  return (JSON.parse(stdout) as { Digest: string }).Digest;
}
