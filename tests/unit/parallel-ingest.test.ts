import { describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingest';
import { articleFolder, realArticles } from '../../scripts/lib/article-folder';
import { ingestInParallel } from '../../scripts/lib/parallel-ingest';
import { parseHtml, thesaurus } from '../fixtures/ingest/helpers';

describe('ingesting a folder on two threads (npm run kb)', () => {
  // Ingests 320 articles twice: a minute on a busy 2-core machine.
  it('gives the same pack and the same failures as one thread, copies and unreadable files included', { timeout: 120_000 }, async () => {
    const folder = articleFolder(realArticles(), 320);
    folder.push({ name: 'broken.html', content: new Uint8Array([0, 1, 2, 255, 0]) });
    // A copy named before its original, on another thread's share: the folder's name order decides which one stays.
    folder.push({ name: 'article-00000-copy.txt', content: folder[9]!.content }, { name: 'zz-copy.txt', content: folder[7]!.content });
    const now = new Date('2024-01-01T00:00:00Z');
    const progress: [number, number][] = [];

    const one = ingest(folder, { parseHtml, thesaurus, now });
    const two = await ingestInParallel(folder, { thesaurus, now, threads: 2, onProgress: (done, total) => progress.push([done, total]) });

    expect(two).toEqual(one);
    expect(one.failures.map((failure) => failure.source).sort()).toEqual(['article-00009.txt', 'broken.html', 'zz-copy.txt']);
    expect(progress.at(-1)).toEqual([3 * folder.length, 3 * folder.length]);
  });

  it('gives a folder too small for threads the same pack as ingest()', async () => {
    const folder = articleFolder(realArticles(), 12);
    const now = new Date('2024-01-01T00:00:00Z');
    expect(await ingestInParallel(folder, { thesaurus, now })).toEqual(ingest(folder, { parseHtml, thesaurus, now }));
  });
});
