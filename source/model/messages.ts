import { sanitizeString } from '../text/sanitize.js';
import { UserFacingError } from './user-facing-error.js';

// The how-to's words, kept for scripts that look for them.
export const WRITER_NOT_FOUND = 'Could not connect to the writer peer';

// One line for anything that went wrong: a UserFacingError as it is, anything else as the first
// line of its message (escaped: it may quote remote input), never a stack.
export function describeFailure(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${sanitizeString(message.split('\n')[0] ?? '')}`;
}
