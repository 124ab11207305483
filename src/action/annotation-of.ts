import path from 'node:path';
import type { AnnotationProperties } from '@actions/core';
import type { StackhookError } from '../errors/stackhook-error.js';

export interface Annotation {
  message: string;
  properties: AnnotationProperties;
}

const LOCATED = /^(.+?\.ya?ml):(\d+)(?: |:|$)/;

/**
 * An error as GitHub annotations: a hierarchy problem (`file:line key (image x): ...`) points at its file and
 * line, and so does each further problem listed under it; anything else is one annotation with the details.
 */
export function annotationsOf(
  error: StackhookError,
  workspace = process.env.GITHUB_WORKSPACE ?? process.cwd(),
): Annotation[] {
  const at = (subject: string | undefined): AnnotationProperties => {
    const located = subject ? LOCATED.exec(subject) : null;
    if (!located) return { title: 'stackhook' };
    const file = path.relative(workspace, path.resolve(located[1]!));
    return { title: 'stackhook', file, startLine: Number(located[2]) };
  };
  const first = at(error.subject);
  if (first.file === undefined)
    return [{ message: [error.message, error.details].filter(Boolean).join('\n'), properties: first }];
  const others = (error.details ?? '')
    .split('\n')
    .filter((line) => LOCATED.test(line))
    .map((line) => ({ message: line, properties: at(line) }));
  return [{ message: error.message, properties: first }, ...others];
}
