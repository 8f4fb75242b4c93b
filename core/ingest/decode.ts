/**
 * Bytes of a source file → text. A byte-order mark decides (UTF-8, UTF-16 LE/BE); without one,
 * text that is valid UTF-8 is UTF-8; UTF-16 without a mark shows itself by NUL bytes in every
 * other position; an HTML page's declared charset is used when the bytes are not UTF-8; anything
 * else is read as Windows-1252, which maps every byte (what old Windows editors write as "ANSI").
 * Only then does ingestion's binary test (NUL and control characters) refuse a file.
 */
const DECLARED_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i;
const SNIFF_BYTES = 4_096;

export function decodeText(bytes: Uint8Array, html = false): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2));
  const utf16 = unmarkedUtf16(bytes);
  if (utf16) return decode(utf16, bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const declared = html ? declaredCharset(bytes) : undefined;
    return decode(declared && !/^utf-?8$/i.test(declared) ? declared : 'windows-1252', bytes);
  }
}

function decode(label: string, bytes: Uint8Array): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('windows-1252'); // a charset label the platform does not know
  }
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009F]/g, windows1252Punctuation) : text;
}

/**
 * Bytes 0x80–0x9F in Windows-1252 (quotes, dashes, €). Browsers decode them so; Node's decoder
 * reads them as Latin-1 control characters, so the CLI and the options page would disagree.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function windows1252Punctuation(character: string): string {
  return WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80]!;
}

/** Mostly-ASCII UTF-16 has a NUL in nearly every odd (LE) or even (BE) byte. */
function unmarkedUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, SNIFF_BYTES & ~1);
  if (sample.length < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] !== 0) continue;
    if (index % 2) oddNuls++;
    else evenNuls++;
  }
  const half = sample.length / 2;
  if (oddNuls > half * 0.9 && evenNuls < half * 0.1) return 'utf-16le';
  if (evenNuls > half * 0.9 && oddNuls < half * 0.1) return 'utf-16be';
  return undefined;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, SNIFF_BYTES));
  return DECLARED_CHARSET.exec(head)?.[1];
}
