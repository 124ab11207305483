/** RFC 7807 problem details, as every error answers. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    /** The request's id in the server's log (a 5xx's error is there). */
    requestId: { type: 'string' },
  },
} as const;
