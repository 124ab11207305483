import type { Static } from 'typebox';
import { StackhookError } from '../../errors/stackhook-error.js';
import { hostPlatform } from '../../hierarchy/platform.js';
import type { JobRequest } from '../jobs/job-repository.js';
import type { newJobBody } from './job-schemas.js';

const refused = (description: string, subject: string) =>
  new StackhookError({ kind: 'input', description, subject });

/** What a job starts from, as far as its defaults go: a recipe or image's architecture and DKMS setting. */
export interface JobSource {
  arch?: string;
  require_dkms?: boolean;
}

/**
 * A POSTed JobRecord with Cray's defaults filled in: the kernel named after the architecture (vmlinuz, or Image
 * on aarch64), `initrd` and `kernel-parameters`, 15 GiB, DKMS as the recipe says (always on aarch64), one ssh
 * container: a customize job's (`customize`, not jailed unless asked) or a create job's debug shell (`debug`,
 * with enable_debug). A create job takes no ssh_containers of its own, as Cray's refuses them.
 */
export function jobRequestOf(body: Static<typeof newJobBody>, source: JobSource): JobRequest {
  const arch = source.arch ?? hostPlatform();
  const create = body.job_type === 'create';
  if (create && body.ssh_containers?.length)
    throw refused(
      'a create job takes no ssh_containers (enable_debug asks for its debug shell)',
      'ssh_containers',
    );
  if (create && body.enable_debug && !body.public_key_id)
    throw refused('enable_debug needs public_key_id: the key the debug shell takes', 'public_key_id');
  if (!create && !body.public_key_id) throw refused('a customize job needs public_key_id', 'public_key_id');
  const asked = body.ssh_containers?.[0];
  const container = create
    ? body.enable_debug
      ? { name: 'debug', jail: false }
      : undefined
    : { name: asked?.name ?? 'customize', jail: asked?.jail ?? false };
  return {
    job_type: body.job_type,
    artifact_id: body.artifact_id,
    image_root_archive_name: body.image_root_archive_name,
    public_key_id: body.public_key_id ?? null,
    kernel_file_name: body.kernel_file_name ?? (arch === 'aarch64' ? 'Image' : 'vmlinuz'),
    initrd_file_name: body.initrd_file_name ?? 'initrd',
    kernel_parameters_file_name: body.kernel_parameters_file_name ?? 'kernel-parameters',
    enable_debug: body.enable_debug ?? false,
    build_env_size: body.build_env_size ?? 15,
    require_dkms: arch === 'aarch64' || (body.require_dkms ?? source.require_dkms ?? !create),
    arch,
    ssh_containers: container ? [{ ...container, status: 'pending', connection_info: {} }] : [],
  };
}
