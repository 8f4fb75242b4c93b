/**
 * User Timing marks of a page's first scan, seen in the browser's performance tools and read by
 * `npm run bench:real`: the first and the last highlight drawn, and the scan's end.
 */
export const SCAN_MARKS = { firstHighlight: 'contesto:first-highlight', lastHighlight: 'contesto:last-highlight', scanned: 'contesto:scanned' } as const;
