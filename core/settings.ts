/** Reader settings and the rules that use them (pure; stored by storage/settings.ts). */
export interface Settings {
  enabled: boolean;
  disabledSites: string[];
  hoverDelayMs: number;
}

export const DEFAULT_SETTINGS: Settings = { enabled: true, disabledSites: [], hoverDelayMs: 350 };

/** The site a page belongs to, as the reader turns Contesto off for it. */
export function siteOf(url: string): string {
  return new URL(url).hostname;
}

export function isEnabledFor(settings: Settings, url: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteOf(url));
}

export function withSiteEnabled(settings: Settings, host: string, enabled: boolean): string[] {
  const others = settings.disabledSites.filter((site) => site !== host);
  return enabled ? others : [...others, host];
}
