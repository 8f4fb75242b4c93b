/**
 * How char-tables.ts stores the character tables: the classes as runs over all code points,
 * each written as its distance from the previous run in base 36 and a sign for its class; the
 * simple folds as one string, a character per code.
 */
export const CharClass = { separator: 1, word: 2, unspaced: 3 } as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

/** By CharClass. */
const CLASS_SIGNS = ['', '.', '+', '*'];
/** In SIMPLE_FOLDS, the code has no simple fold. */
const NO_FOLD = ' ';

export function encodeClassRuns(classOf: (codePoint: number) => number): string {
  let encoded = '';
  let previousStart = 0;
  let previous = -1;
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    const kind = classOf(codePoint);
    if (kind === previous) continue;
    encoded += (codePoint - previousStart).toString(36) + CLASS_SIGNS[kind];
    previousStart = codePoint;
    previous = kind;
  }
  return encoded;
}

/** The runs' first code points, ascending, and their classes. */
export function decodeClassRuns(encoded: string): { starts: Int32Array; classes: Uint8Array } {
  const starts: number[] = [];
  const classes: number[] = [];
  let start = 0;
  let digits = '';
  for (const char of encoded) {
    const kind = CLASS_SIGNS.indexOf(char);
    if (kind <= 0) {
      digits += char;
      continue;
    }
    start += parseInt(digits, 36);
    starts.push(start);
    classes.push(kind);
    digits = '';
  }
  return { starts: Int32Array.from(starts), classes: Uint8Array.from(classes) };
}

export function encodeSimpleFolds(simpleFoldOf: (code: number) => number, limit: number): string {
  let encoded = '';
  for (let code = 0; code < limit; code++) {
    const folded = simpleFoldOf(code);
    encoded += folded < 0 ? NO_FOLD : String.fromCharCode(folded);
  }
  return encoded;
}

/** The fold of each code below the table's length, -1 where there is none. */
export function decodeSimpleFolds(encoded: string): Int16Array {
  const folds = new Int16Array(encoded.length);
  for (let code = 0; code < encoded.length; code++) folds[code] = encoded[code] === NO_FOLD ? -1 : encoded.charCodeAt(code);
  return folds;
}
