/**
 * Go's unicode.IsSpace, which buildah's parser trims with: ASCII blanks, NEL, NBSP and Unicode's Z categories.
 * Close enough matters: text we took for a comment or blank must be one for buildah too.
 */
export const GO_SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
