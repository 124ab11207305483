import type { TestDefinition } from './test-schema.js';

/** A test as an image defines it in the hierarchy file. */
export interface ImageTest {
  name: string;
  definition: TestDefinition;
  /** The image whose `tests:` defines it (an ancestor, for an inherited test). */
  image: string;
  /** `file:line images.<image>.tests.<index>`, for errors. */
  subject: string;
}
