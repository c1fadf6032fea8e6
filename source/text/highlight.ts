// Case-insensitive matching on text as shown. Lowercasing can change a string's length ('İ' becomes
// 'i' + U+0307), so each code point is folded on its own and matches are mapped back to the
// original's offsets: a highlight then covers exactly the characters that matched.

export function foldCase(text: string): string {
  let folded = '';
  for (const character of text) folded += character.toLowerCase();
  return folded;
}

// [start, end) offsets into `text` of each occurrence of `query`, ignoring case, not overlapping.
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const needle = foldCase(query);
  if (needle.length === 0) return [];
  let folded = '';
  // For each unit of `folded`: where the code point it came from starts and ends in `text`.
  const startOf: number[] = [];
  const endOf: number[] = [];
  let offset = 0;
  for (const character of text) {
    const lower = character.toLowerCase();
    for (let index = 0; index < lower.length; index++) {
      startOf.push(offset);
      endOf.push(offset + character.length);
    }
    folded += lower;
    offset += character.length;
  }
  const ranges: Array<[number, number]> = [];
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
    ranges.push([startOf[at], endOf[at + needle.length - 1]]);
  }
  return ranges;
}
