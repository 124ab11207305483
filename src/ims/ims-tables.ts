import type { JobColumns } from '../service/jobs/job-table.js';

/** IMS: a recipe (how to make an image's root) and where its archive is. */
export interface ImsRecipeTable {
  id: string;
  name: string;
  recipe_type: string;
  linux_distribution: string;
  /** JSON object: the recipe's parameters (suite, variant, packages...). */
  template_dictionary: string;
  link_path: string | null;
  link_etag: string | null;
  link_type: string | null;
  /** The target architecture: x86_64 or aarch64. */
  arch: string;
  /** 0 or 1: whether jobs enable DKMS (Cray's require_dkms). */
  require_dkms: number;
  created: string;
  deleted: string | null;
}

/** IMS: an SSH public key customize jobs put into their container. */
export interface ImsPublicKeyTable {
  id: string;
  name: string;
  public_key: string;
  created: string;
  deleted: string | null;
}

/** IMS: an image, linked to its manifest.json once its artifacts are in the store. */
export interface ImsImageTable {
  id: string;
  name: string;
  arch: string;
  link_path: string | null;
  link_etag: string | null;
  link_type: string | null;
  /** JSON object of strings: the user's annotations (Cray's metadata). */
  metadata: string;
  created: string;
  deleted: string | null;
}

/** IMS: a create (or customize) job. */
export interface ImsJobTable extends JobColumns {
  id: string;
  job_type: string;
  /** The recipe (create) or image (customize) it starts from. */
  artifact_id: string;
  image_root_archive_name: string;
  status: string;
  resultant_image_id: string | null;
  error: string | null;
  log: string;
  /** JSON: milliseconds spent in each phase. */
  phases: string;
  /** Customize jobs: the public key their sshd authorises. */
  public_key_id: string | null;
  /** JSON: IMS's ssh_containers (how to reach a customize job's sshd). */
  ssh_containers: string;
  /** The /boot files that become the kernel, initrd and kernel-parameters artifacts (null: the defaults). */
  kernel_file_name: string | null;
  initrd_file_name: string | null;
  kernel_parameters_file_name: string | null;
  /** 0/1: a create job that fails keeps its build environment reachable over ssh (Cray's debug shell). */
  enable_debug: number;
  /** GiB the image root may take. */
  build_env_size: number;
  /** 0/1: stored and shown as Cray does; podman jobs need no DKMS setup. */
  require_dkms: number;
  arch: string;
  created: string;
  updated: string;
}

/** IMS: a remote build node, named by its xname (the host name jobs reach it by over ssh). */
export interface ImsRemoteBuildNodeTable {
  xname: string;
  created: string;
}

/** Image management's tables (migrations 0003 to 0006, 0010, 0011, 0013). */
export interface ImsTables {
  ims_recipe: ImsRecipeTable;
  ims_public_key: ImsPublicKeyTable;
  ims_image: ImsImageTable;
  ims_job: ImsJobTable;
  ims_remote_build_node: ImsRemoteBuildNodeTable;
}
