// Pasted bytes are anyone's: what a paste may put on the input line or in a prompt.
// See docs/screen.md#paste.

// eslint-disable-next-line no-control-regex -- escape sequences are what this drops
const ESCAPE_SEQUENCE = /\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[ -/]*[0-~])/g;
// C0 controls but tab and line feed, DEL, C1 controls.
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

// A paste's text: line breaks as \n (CRLF and CR too), tabs kept, escape sequences and every
// other control dropped, so nothing in it can act as a key or reach the terminal.
export function pastedText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROLS, '');
}

// The lines Enter appends: each line of the input line that has text, as if typed one by one.
export function linesToAppend(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

// A prompt takes one line: a paste's line breaks become spaces, and tabs too.
export function promptText(pasted: string): string {
  return pasted.replace(/[\n\t]/g, ' ');
}
