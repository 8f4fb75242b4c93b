/** The page a URL shows, for attaching notes: the fragment (#section) names a place on the same page. */
export function pageUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
