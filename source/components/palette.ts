// Colours only where NO_COLOR (no-color.org) is unset or empty. Bold, dim and inverse stay: they
// are not colour, and the escaped bytes of hostile text are told apart from plain text by dimming.
// Nothing on screen means something by colour alone; colour only repeats a border style or a word.
export type Colour = 'cyan' | 'gray' | 'green' | 'yellow' | 'red';

export function paint(colour: Colour | undefined): Colour | undefined {
  return process.env.NO_COLOR ? undefined : colour;
}
