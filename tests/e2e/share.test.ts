/**
 * Sharing the knowledge base in real Chromium: the options page exports one file with the
 * documents the reader added, their corrections and (when asked) their notes; adding that file
 * back, after all of it was removed, brings every part back.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { openExtensionPage, sendRequest, storedNotes, storedRows } from './extension-pages';
import { test } from './harness';

describe('sharing', () => {
  test('exports documents, corrections and notes as one file, and adding the file brings them back', async ({ chromium }) => {
    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    await options.getByLabel('Choose files').setInputFiles([{ name: 'university.md', mimeType: 'text/markdown', buffer: await readFile('tests/fixtures/ingest/university.md') }]);
    await options.getByLabel('Name for this collection').fill('Climate desk');
    await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
    await expect.poll(() => options.getByRole('status').first().innerText(), { timeout: 15_000 }).toMatch(/Added \(1\)\s+university\.md/);
    const leeds = (await storedRows<{ id: string; name: string }>(options, 'entities')).find((entity) => entity.name === 'Leeds')!;
    expect(await sendRequest(options, 'corrections/add', { kind: 'type', entityId: leeds.id, type: 'organization' })).toMatchObject({ ok: true });
    const note = { id: crypto.randomUUID(), target: { kind: 'entity', entityId: leeds.id }, body: 'Check the partners named here.' };
    expect(await sendRequest(options, 'notes/add', note)).toMatchObject({ ok: true });

    await options.getByLabel('With my notes').check();
    const downloading = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export my knowledge base' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^contesto-knowledge-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await readFile((await download.path())!);
    const shared = JSON.parse(file.toString('utf8')) as { documents: { title: string }[]; corrections: { id: string }[]; notes: { items: { bodyValue?: string }[] } };
    expect(shared.documents.map((document) => document.title)).toEqual(['New climate research centre opens in Leeds with Norwegian partners']);
    expect(shared.corrections.map((correction) => correction.id)).toEqual([`type:${leeds.id}`]);
    expect(JSON.stringify(shared.notes)).toContain('Check the partners named here.');

    // Everything goes: the collection, the correction, the note.
    const collection = (name: string) => options.getByRole('listitem', { name, exact: true });
    await collection('Climate desk').getByRole('button', { name: 'Remove' }).click();
    await options.getByRole('button', { name: 'Remove' }).last().click();
    await expect.poll(() => collection('Climate desk').count()).toBe(0);
    expect(await sendRequest(options, 'corrections/remove', { id: `type:${leeds.id}` })).toMatchObject({ ok: true });
    expect(await sendRequest(options, 'notes/delete', { id: note.id })).toMatchObject({ ok: true });
    expect(await storedNotes(options)).toEqual([]);

    await options.getByLabel('Choose files').setInputFiles([{ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file }]);
    await options.getByLabel('Name for this collection').fill('From a colleague');
    await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
    await expect.poll(() => options.getByRole('status').first().innerText(), { timeout: 15_000 }).toMatch(/Added \(1\)/);
    await expect.poll(() => collection('From a colleague').count()).toBe(1);
    await expect.poll(() => options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/“Leeds”: Organisation, not Place/)]);
    expect((await storedNotes(options)).map((stored) => stored.body)).toEqual(['Check the partners named here.']);
    await options.close();
  });
});
