// The soak's lines, shared by its writer child (which appends them) and the bench (which knows
// what each reader must end up with). One line in 20 is short (≤ 3 characters: core-2), the rest
// long (core-3).
export function soakLine(index: number, token: string): string {
  return index % 20 === 19 ? index.toString(36).slice(-3) : `s${index}-${token}`;
}
