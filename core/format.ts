/** Formats an ISO date at the precision it has: "13 Jul 2022", "Apr 2019", "2022". */
export function formatPartialDate(date: string, locale?: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!month) return String(year);
  const options: Intl.DateTimeFormatOptions = day ? { year: 'numeric', month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day || 1));
}
