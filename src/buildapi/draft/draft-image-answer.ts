import type { BuiltServiceImage } from '../built-image.js';

/** An image answer with the draft's members beside stackhook's: `status`, `errorMessage` (null), `imageName`. */
export type DraftImageAnswer = BuiltServiceImage & { status: string; errorMessage: null; imageName: string };

/** `status` as their server words it: "Successfully built <image>" for a new build, else "Image exists: <image>". */
export function draftImageAnswer(image: BuiltServiceImage, built: boolean): DraftImageAnswer {
  return {
    ...image,
    status: built ? `Successfully built ${image.reference}` : `Image exists: ${image.reference}`,
    errorMessage: null,
    imageName: image.reference,
  };
}
