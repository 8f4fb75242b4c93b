/** A short, stable, non-cryptographic hash (FNV-1a, 52 bits kept) for ids and fingerprints. */
export function stableHash(text: string): string {
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
    low = Math.imul(low ^ (code + i), 0x01000193) >>> 0;
  }
  return high.toString(36).padStart(7, '0') + (low & 0xfffff).toString(36).padStart(4, '0');
}
