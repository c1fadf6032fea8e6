// For echoing a user's own argument back in a one-line message: ASCII only, bounded.
export function printableArgument(text: string, maxLength = 60): string {
  const visible = text.replace(/[^\x20-\x7e]/g, '?');
  return visible.length > maxLength ? `${visible.slice(0, maxLength - 3)}...` : visible;
}
