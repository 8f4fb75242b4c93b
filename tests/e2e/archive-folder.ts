/** The folder of mixed files both browsers import (tests/fixtures/archive), and what the summary must say of each file. */
import { readdir } from 'node:fs/promises';
import { expect } from 'vitest';
import { join } from 'node:path';

export const ARCHIVE_FOLDER = 'tests/fixtures/archive';

export async function archiveFiles(): Promise<string[]> {
  return (await readdir(ARCHIVE_FOLDER)).map((name) => join(ARCHIVE_FOLDER, name));
}

export const EXPECTED_SUMMARY = {
  added: [
    'israel.pdf Where do strained U.S.-Israeli relations go after Netanyahu’s victory?',
    'north-africa.html Attack stokes instability fears in North Africa',
    "obama.md Obama admits US gun laws are his 'biggest frustration'",
    expect.stringMatching(/^zimbabwe\.txt Zimbabwe coup: Robert Mugabe/),
  ],
  duplicates: ['zimbabwe_copy.txt same text as zimbabwe.txt'],
  failed: [
    expect.stringMatching(/^broken\.pdf not a readable PDF/),
    expect.stringMatching(/^empty\.md the document is empty/),
    // The folder's list of where each file came from is no document, and is named as such.
    expect.stringMatching(/^index\.tsv not a file Contesto reads/),
    expect.stringMatching(/^photo\.txt .*binary/),
  ],
};

/** People the folder's documents name, found by ingestion. */
export const EXPECTED_PEOPLE = ['Benjamin Netanyahu', 'Barack Obama', 'Robert Mugabe'];

/** Evaluated in the options page: the rows under the summary heading that starts with `heading`, as "file detail". */
export function summaryRowsUnder(heading: string): string[] {
  const section = [...document.querySelectorAll('.summary section')].find((group) => group.getAttribute('aria-label')?.startsWith(heading));
  return [...(section?.querySelectorAll('li') ?? [])].map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
}
