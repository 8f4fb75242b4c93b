/** Whether the page the reader is on looks light or dark, so the popover matches it. */
export function pageTheme(doc: Document): 'light' | 'dark' {
  const view = doc.defaultView!;
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const rgb = parseColor(view.getComputedStyle(element).backgroundColor);
    if (rgb && rgb[3] > 0.5) return luminance(rgb) < 0.4 ? 'dark' : 'light';
  }
  // A transparent canvas is drawn in the page's declared scheme (white unless it opts into dark).
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  return scheme.includes('dark') && view.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function parseColor(value: string): [number, number, number, number] | null {
  const numbers = value.match(/[\d.]+/g)?.map(Number);
  if (!numbers || numbers.length < 3) return null;
  return [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
}

function luminance([r, g, b]: number[]): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
