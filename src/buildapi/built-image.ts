/** What the build API answers for an image: where it is and how to get it. */
export interface BuiltServiceImage {
  /** `<component>-<branch>-image` */
  name: string;
  tag: string;
  /** `<registry>/<owner>/<name>:<tag>` */
  reference: string;
  digest: string;
  pull: string;
  /** The SW-Tag it is registered under in the catalog, and its `<swtag>-<counter>`. */
  swtag?: string;
  counter?: number;
}
