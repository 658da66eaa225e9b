/** Bad input to `verify`: a message naming the file, the field as written, the value and what is allowed. */
export class VerifyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerifyInputError';
  }
}

/** A value as it appears in a message: strings quoted, the rest as JSON. */
export function shown(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}
