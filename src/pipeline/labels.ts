export const INPUT_DIGEST_LABEL = 'io.stackhook.input-digest';
export const PARENT_LABEL = 'io.stackhook.parent-image';
