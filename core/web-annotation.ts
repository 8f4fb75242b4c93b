/**
 * The reader's notes as W3C Web Annotations (JSON-LD), and back, losslessly: an export
 * imported again gives the same notes, field for field. Also a Markdown rendering for reading.
 * https://www.w3.org/TR/annotation-model/
 */
import * as v from 'valibot';
import { NoteBodySchema, NoteTagsSchema, NoteTargetSchema, type NoteTarget } from './notes';

/** A note as it is exported: what the reader wrote and what it is attached to. */
export interface NoteRecord {
  id: string;
  target: NoteTarget;
  body: string;
  tags: string[];
  created: string;
  updated: string;
}

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const ENTITY_IRI = 'urn:contesto:entity:';
const NOTE_IRI = 'urn:contesto:note:';
const UUID_IRI = 'urn:uuid:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TextualBody = { type: 'TextualBody'; purpose: 'commenting' | 'tagging'; value: string; format?: string };
/** A web page as a target or a source: its address, or its address and the title the note kept (Dublin Core's title, a prefix anno.jsonld defines). */
type PageResource = string | { id: string; 'dcterms:title': string };
type AnnotationTarget = PageResource | { type: 'SpecificResource'; source: PageResource; selector: unknown[] };

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'commenting';
  created: string;
  modified: string;
  body: TextualBody[];
  target: AnnotationTarget;
}

export interface AnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

export function toWebAnnotation(note: NoteRecord): WebAnnotation {
  const { target } = note;
  return {
    id: UUID.test(note.id) ? UUID_IRI + note.id : NOTE_IRI + encodeURIComponent(note.id),
    type: 'Annotation',
    motivation: 'commenting',
    created: note.created,
    modified: note.updated,
    body: [
      { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: note.body },
      ...note.tags.map((tag): TextualBody => ({ type: 'TextualBody', purpose: 'tagging', value: tag })),
    ],
    target:
      target.kind === 'entity'
        ? ENTITY_IRI + encodeURIComponent(target.entityId)
        : target.kind === 'page'
          ? pageResource(target)
          : { type: 'SpecificResource', source: pageResource(target), selector: [target.quote, target.position] },
  };
}

/** Notes without a title (made before notes kept one) export as they always did: the bare address. */
function pageResource({ url, title }: { url: string; title?: string }): PageResource {
  return title === undefined ? url : { id: url, 'dcterms:title': title };
}

export function toAnnotationCollection(notes: NoteRecord[]): AnnotationCollection {
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Contesto notes',
    total: notes.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: notes.map(toWebAnnotation) },
  };
}

/** Raised for a file that is not a notes export; the message says what is wrong, for the reader. */
export class NotesImportError extends Error {}

const timestamp = v.pipe(v.string(), v.isoTimestamp());
const BodySchema = v.object({ type: v.literal('TextualBody'), purpose: v.picklist(['commenting', 'tagging']), value: v.string() });
const SelectorSchema = v.looseObject({ type: v.string() });
const PageResourceSchema = v.union([v.string(), v.object({ id: v.string(), 'dcterms:title': v.optional(v.string()) })]);
const AnnotationSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  type: v.literal('Annotation'),
  created: timestamp,
  modified: timestamp,
  body: v.pipe(v.array(BodySchema), v.maxLength(1_000)),
  target: v.union([v.object({ type: v.literal('SpecificResource'), source: PageResourceSchema, selector: v.array(SelectorSchema) }), PageResourceSchema]),
});
const CollectionSchema = v.union([v.object({ type: v.literal('AnnotationCollection'), first: v.object({ items: v.array(v.unknown()) }) }), v.array(v.unknown())]);

/**
 * Reads an export (an AnnotationCollection, or a bare array of Annotations). Every annotation is
 * checked before any is returned: one bad item refuses the whole file, so nothing half-imports.
 */
export function parseNotesExport(text: string): NoteRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NotesImportError('This file is not JSON, so it is not a Contesto notes export.');
  }
  const collection = v.safeParse(CollectionSchema, json);
  if (!collection.success) throw new NotesImportError('This file is not a Web Annotation collection (expected "type": "AnnotationCollection" with "first.items").');
  const items = Array.isArray(collection.output) ? collection.output : collection.output.first.items;
  const seen = new Set<string>();
  return items.map((item, index) => {
    const note = fromWebAnnotation(item, index);
    if (seen.has(note.id)) throw new NotesImportError(`Annotation ${index + 1}: the id "${note.id}" appears twice.`);
    seen.add(note.id);
    return note;
  });
}

function fromWebAnnotation(item: unknown, index: number): NoteRecord {
  const problem = (what: string) => new NotesImportError(`Annotation ${index + 1}: ${what}.`);
  const parsed = v.safeParse(AnnotationSchema, item);
  if (!parsed.success) throw problem(`${v.getDotPath(parsed.issues[0]) ?? 'annotation'}: ${parsed.issues[0].message}`);
  const annotation = parsed.output;
  const comments = annotation.body.filter((body) => body.purpose === 'commenting');
  if (comments.length > 1) throw problem('more than one commenting body');
  const checked = (schema: v.GenericSchema, value: unknown, field: string) => {
    const result = v.safeParse(schema, value);
    if (!result.success) throw problem(`${field}: ${result.issues[0].message}`);
    return result.output;
  };
  return {
    id: noteId(annotation.id),
    target: checked(NoteTargetSchema, noteTarget(annotation.target), 'target') as NoteTarget,
    body: checked(NoteBodySchema, comments[0]?.value ?? '', 'body') as string,
    tags: checked(
      NoteTagsSchema,
      annotation.body.filter((body) => body.purpose === 'tagging').map((body) => body.value),
      'tags',
    ) as string[],
    created: annotation.created,
    updated: annotation.modified,
  };
}

/** Our own ids come back as they were; another tool's annotation keeps its IRI as its id. */
function noteId(iri: string): string {
  if (iri.startsWith(UUID_IRI)) return iri.slice(UUID_IRI.length);
  if (iri.startsWith(NOTE_IRI)) return decodeIri(iri.slice(NOTE_IRI.length));
  return iri;
}

/** The target as the note stores it; NoteTargetSchema then checks every field. */
function noteTarget(target: v.InferOutput<typeof AnnotationSchema>['target']): unknown {
  if (typeof target === 'string' && target.startsWith(ENTITY_IRI)) return { kind: 'entity', entityId: decodeIri(target.slice(ENTITY_IRI.length)) };
  if (typeof target === 'string' || !('selector' in target)) return { kind: 'page', ...page(target) };
  const selector = (type: string) => target.selector.find((s) => s.type === type);
  return { kind: 'selection', ...page(target.source), quote: selector('TextQuoteSelector'), position: selector('TextPositionSelector') };
}

function page(resource: v.InferOutput<typeof PageResourceSchema>): { url: string; title?: string } {
  if (typeof resource === 'string') return { url: resource };
  const title = resource['dcterms:title'];
  return { url: resource.id, ...(title !== undefined && { title }) };
}

function decodeIri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new NotesImportError(`"${text.slice(0, 80)}" is not a valid IRI.`);
  }
}

/** A readable Markdown digest of the notes, grouped by what they are attached to. */
export function notesToMarkdown(notes: NoteRecord[], entityName: (entityId: string) => string | undefined): string {
  const lines = ['# Contesto notes', ''];
  for (const note of notes) {
    const { target } = note;
    const subject =
      target.kind === 'entity' ? `**${escapeMarkdown(entityName(target.entityId) ?? target.entityId)}**` : target.title ? `${escapeMarkdown(target.title)} · <${target.url}>` : `<${target.url}>`;
    lines.push(`## ${subject}`, '');
    if (target.kind === 'selection') lines.push(...target.quote.exact.split('\n').map((line) => `> ${escapeMarkdown(line)}`), '');
    if (note.body) lines.push(inertMarkdown(note.body), '');
    const tags = note.tags.length > 0 ? `Tags: ${note.tags.map((tag) => `#${escapeMarkdown(tag)}`).join(' ')} · ` : '';
    lines.push(`_${tags}Created ${note.created} · Updated ${note.updated}_`, '');
  }
  return lines.join('\n');
}

/**
 * A note's body stays Markdown (the reader wrote it so), but a Markdown viewer must show its
 * markup and its links to anything but the web as text: no raw HTML (a `<` that opens a tag, a
 * comment or an autolink is escaped) and no `javascript:` or other non-web link destinations.
 */
function inertMarkdown(body: string): string {
  return body
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/\]\((?!\s*<?(?:https?:|mailto:|#))/gi, ']\\(')
    .replace(/^( {0,3})\[(?=[^\]\n]+\]:\s*(?!\s|<?(?:https?:|mailto:|#)))/gim, '$1\\[');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, '\\$&');
}
