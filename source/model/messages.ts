// The how-to's words, kept for scripts that look for them.
export const WRITER_NOT_FOUND = 'Could not connect to the writer peer';

// An error whose message is fit for the user as it is: one line, no stack.
export class UserFacingError extends Error {}
