// An error whose message is fit for the user as it is: one line, no stack. Apart from
// messages.ts, which brings the text sanitizer, for what runs before the first frame.
export class UserFacingError extends Error {}
