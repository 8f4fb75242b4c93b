/**
 * One share of a folder being ingested: the documents it read stay here, between the stages
 * that scripts/lib/parallel-ingest.ts drives (in this thread, or in a worker: see ingest-worker.ts).
 */
import { DOMParser } from 'linkedom';
import {
  emptyCasing,
  failureOf,
  parseThesaurus,
  readDocument,
  recogniseDocument,
  recordCasing,
  recordsOf,
  type AnalysedDocument,
  type Casing,
  type DocumentRecords,
  type IngestFailure,
  type SourceInput,
  type Thesaurus,
} from '../../core/ingest';
import type { DocumentEntity } from '../../core/ingest/entities';
import { loadMatcher, type CompiledMatcher } from '../../core/match';

export interface Numbered<T> {
  index: number;
  value: T;
}

export interface ReadSummary {
  read: Numbered<{ source: string; textHash: string }>[];
  failures: Numbered<IngestFailure>[];
}

/** Casing as plain arrays, to cross threads. */
export interface CasingWords {
  capitalisedMidSentence: string[];
  lowercase: string[];
}

export interface Recognised {
  documents: Numbered<{ lang: string; entities: DocumentEntity[] }>[];
  failures: Numbered<IngestFailure>[];
}

/** Called after each document of each stage, so a terminal can show progress. */
export type Tick = () => void;

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

export class IngestShard {
  private readonly thesaurus: Thesaurus;
  private documents: Numbered<AnalysedDocument>[] = [];

  constructor(
    thesaurusText: string | undefined,
    private readonly tick: Tick = () => {},
  ) {
    this.thesaurus = parseThesaurus(thesaurusText ?? '');
  }

  read(inputs: Numbered<SourceInput>[]): ReadSummary {
    const summary: ReadSummary = { read: [], failures: [] };
    for (const { index, value: input } of inputs) {
      try {
        const document = readDocument(input, parseHtml);
        this.documents.push({ index, value: document });
        summary.read.push({ index, value: { source: document.parsed.source, textHash: document.textHash } });
      } catch (error) {
        summary.failures.push({ index, value: failureOf(input.name, error) });
      }
      this.tick();
    }
    return summary;
  }

  /** Forgets the copies the whole folder's order found, and returns the casing of what is left. */
  casing(copies: number[]): CasingWords {
    const dropped = new Set(copies);
    this.documents = this.documents.filter(({ index }) => !dropped.has(index));
    const casing = emptyCasing();
    for (const { value } of this.documents) recordCasing(casing, value.recognisable);
    return { capitalisedMidSentence: [...casing.capitalisedMidSentence], lowercase: [...casing.lowercase] };
  }

  recognise(words: CasingWords): Recognised {
    const casing: Casing = { capitalisedMidSentence: new Set(words.capitalisedMidSentence), lowercase: new Set(words.lowercase) };
    const result: Recognised = { documents: [], failures: [] };
    this.documents = this.documents.filter(({ index, value }) => {
      const problem = recogniseDocument(value, this.thesaurus, casing);
      this.tick();
      if (problem) result.failures.push({ index, value: problem });
      else result.documents.push({ index, value: { lang: value.lang, entities: value.entities } });
      return !problem;
    });
    return result;
  }

  records(compiled: CompiledMatcher): Numbered<DocumentRecords>[] {
    const matcher = loadMatcher(compiled);
    return this.documents.map(({ index, value }) => {
      const records = recordsOf(value, matcher);
      this.tick();
      return { index, value: records };
    });
  }
}
