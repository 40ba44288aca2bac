// Limits on every field of every object (docs/FORMAT.md, "Limits"). Counted in Unicode code points.
export const LIMITS = {
  nameChars: 100,
  titleChars: 300,
  bodyChars: 1_000_000,
  dateChars: 64,
  langChars: 35,
  attachmentNameChars: 200,
  mediaTypeChars: 100,
  members: 256,
  authors: 16,
  relations: 64,
  attachments: 64,
  attachmentBytes: 1024 * 1024 * 1024,
  maxThreshold: 256,
  /** Arrays and objects enclosing a value, the object itself included: a link 1, its signatures 2, an entry 3. */
  depth: 3,
} as const;
