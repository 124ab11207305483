/** Where the changes stage may look for an image's previous build, in the order given (`--previous-from`). */
export const PREVIOUS_BUILD_SOURCES = ['out', 'wiki', 'registry'] as const;
export type PreviousBuildSourceName = (typeof PREVIOUS_BUILD_SOURCES)[number];
