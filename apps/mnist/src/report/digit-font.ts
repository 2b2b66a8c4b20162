/**
 * A 3×5 bitmap font for the characters captions need (digits, '>', ' '): each glyph is five rows of
 * three bits, most significant bit on the left.
 */
const glyphs: Record<string, readonly number[]> = {
  '0': [0b111, 0b101, 0b101, 0b101, 0b111],
  '1': [0b010, 0b110, 0b010, 0b010, 0b111],
  '2': [0b111, 0b001, 0b111, 0b100, 0b111],
  '3': [0b111, 0b001, 0b111, 0b001, 0b111],
  '4': [0b101, 0b101, 0b111, 0b001, 0b001],
  '5': [0b111, 0b100, 0b111, 0b001, 0b111],
  '6': [0b111, 0b100, 0b111, 0b101, 0b111],
  '7': [0b111, 0b001, 0b010, 0b010, 0b010],
  '8': [0b111, 0b101, 0b111, 0b101, 0b111],
  '9': [0b111, 0b101, 0b111, 0b001, 0b111],
  '>': [0b100, 0b010, 0b001, 0b010, 0b100],
  ' ': [0, 0, 0, 0, 0],
};

export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** Calls `plot(x, y)` for every lit pixel of `text` drawn from (0, 0), one blank column between glyphs. */
export function drawText(text: string, plot: (x: number, y: number) => void): void {
  [...text].forEach((ch, i) => {
    const rows = glyphs[ch];
    if (rows === undefined) throw new RangeError(`drawText: no glyph for ${JSON.stringify(ch)}`);
    rows.forEach((bits, y) => {
      for (let x = 0; x < GLYPH_WIDTH; x++) if (bits & (1 << (GLYPH_WIDTH - 1 - x))) plot(i * (GLYPH_WIDTH + 1) + x, y);
    });
  });
}
