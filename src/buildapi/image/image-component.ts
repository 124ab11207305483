/** A stored component a Dockerfile's ADD or COPY takes, and where in the build context it is unpacked. */
export interface ImageComponent {
  component: string;
  tag: string;
  /** `components/<component>/<tag>`, relative to the build context. */
  contextPath: string;
}

/** stackhook's own way of naming a stored component in ADD/COPY: `component:<name>/<tag>`. */
export const COMPONENT_REFERENCE = 'component:';
