/**
 * The one message contract between the content script (and any other sender) and the
 * background, and the broadcasts the background sends back. Every message is validated on
 * arrival: a request that does not fit gets a clear error, a broadcast that does not is ignored.
 * Responses are plain data: the receiver renders them as text, never as HTML.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, type EntityType } from './entity-types';
import { LANGUAGE_CODE, MAX_HOVER_DELAY_MS, MAX_LANGUAGES, OCCURRENCES, siteOf, type PageSettings, type Settings } from './settings';
import type { Match } from './match';
import { isUserPackId, type UserPackId } from './pack-id';
import { NoteBodySchema, NoteTagsSchema, NoteTargetSchema, type NoteTarget, type TextPositionSelector, type TextQuoteSelector } from './notes';
import { pageUrl as pageOf } from './page-url';
import type { NoteRecord } from './web-annotation';

const entityId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const pageUrl = v.pipe(v.string(), v.maxLength(8_192), v.url());
const noteId = v.pipe(v.string(), v.minLength(1), v.maxLength(300));
const noteIds = v.pipe(v.array(noteId), v.maxLength(10_000));
const timestamp = v.pipe(v.string(), v.isoTimestamp());
const userPackId = v.custom<UserPackId>(isUserPackId, 'must name an imported pack');
const documentId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const host = v.pipe(v.string(), v.minLength(1), v.maxLength(300));
const entityName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500));
/** A list of at most `max` items, none twice. */
const distinctList = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(
    v.array(item),
    v.maxLength(max),
    v.checkItems((value, index, values) => values.indexOf(value) === index, 'must not repeat an item'),
  );
/** Names the parts of one pack in transit (core/pack-parts.ts). */
const importId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'must be an import id'));
/** Parts of about 1 MB each (core/pack-parts.ts): far more than the largest pack parsePack accepts. */
export const MAX_PACK_PARTS = 10_000;
/** Runs of text in one page/find (annotator/scanner.ts ends a batch there). */
export const MAX_FIND_TEXTS = 20_000;
/** Longest run of text page/find takes; a longer run is matched in pieces (annotator/scanner.ts). */
export const MAX_FIND_CHARS = 1_000_000;
const NoteRecordSchema = v.strictObject({ id: noteId, target: NoteTargetSchema, body: NoteBodySchema, tags: NoteTagsSchema, created: timestamp, updated: timestamp });

export const RequestSchemas = {
  /** A page asks whether Contesto runs on it and, if so, how it highlights. */
  'page/init': v.strictObject({ url: pageUrl }),
  /**
   * The known names in runs of a page's text, found by the background's matcher: it stays warm
   * there, so a page neither receives the dictionary nor compiles the matching code again.
   */
  'page/find': v.strictObject({ url: pageUrl, texts: v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_FIND_CHARS))), v.maxLength(MAX_FIND_TEXTS)) }),
  /** What the popover shows for one entity, named for a page in `lang` (BCP 47, when the page says or it was detected). */
  'entity/card': v.strictObject({ entityId, lang: v.optional(v.pipe(v.string(), v.maxLength(35))) }),
  /** Opens the side panel of the sender's tab, on an entity when one is given. */
  'sidepanel/open': v.strictObject({ entityId: v.optional(entityId) }),
  /**
   * Stores a new note under the id its sender made (core/notes.ts newNoteId), so that sending it
   * again stores nothing new; the background stamps its times.
   */
  'notes/add': v.strictObject({ id: v.pipe(v.string(), v.uuid()), target: NoteTargetSchema, body: NoteBodySchema, tags: v.optional(NoteTagsSchema) }),
  /** Turns Contesto on or off, everywhere or for one site, and changes what pages highlight and how. */
  'settings/update': v.strictObject({
    enabled: v.optional(v.boolean()),
    site: v.optional(v.strictObject({ host, enabled: v.boolean() })),
    hoverDelayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_HOVER_DELAY_MS))),
    highlightTypes: v.optional(distinctList(v.picklist(ENTITY_TYPES), ENTITY_TYPES.length)),
    occurrences: v.optional(v.picklist(OCCURRENCES)),
    languages: v.optional(distinctList(v.pipe(v.string(), v.regex(LANGUAGE_CODE, 'must be a language code such as it or en')), MAX_LANGUAGES)),
  }),
  /** Hands the background one part of a large pack (core/pack-parts.ts), kept until 'packs/import' names its import. */
  'packs/stage': v.strictObject({ importId, part: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_PACK_PARTS - 1)), pack: v.unknown() }),
  /**
   * Adds a pack the reader built from their own documents to the collection of that label (created
   * when new); never replaces. The pack comes whole, or as the parts staged under `importId`.
   */
  'packs/import': v.pipe(
    v.strictObject({ label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)), pack: v.optional(v.unknown()), importId: v.optional(importId) }),
    v.check(({ pack, importId }) => (pack === undefined) !== (importId === undefined), 'must hold either a pack or the id of its staged parts'),
  ),
  /** Removes a pack the reader imported, with its documents, events and mentions; the answer is the ticket 'packs/restore' takes to put them back. */
  'packs/remove': v.strictObject({ packId: userPackId }),
  /** Puts back what 'packs/remove' or 'documents/delete' took away (undo), by the ticket they answered. */
  'packs/restore': v.strictObject({ undoId: v.pipe(v.string(), v.uuid()) }),
  /**
   * Opens the document view in a new tab beside the sender's, at a sentence when one is given (the
   * popover's "Open the document"). The answer says nothing about the document.
   */
  'documents/open': v.strictObject({
    documentId,
    sentence: v.optional(
      v.pipe(
        v.strictObject({ start: offset, end: offset }),
        v.check(({ start, end }) => end > start, 'must end after it starts'),
      ),
    ),
  }),
  /** What "Add this page" in the context menu and its shortcut ask once the tab's side panel is opening: that it add the page the tab shows. */
  'documents/add-page': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  /** Deletes one document of a collection, with its mentions, its events and the entities nothing else mentions; the answer is the ticket 'packs/restore' takes. */
  'documents/delete': v.strictObject({ documentId }),
  /** Changes a note's body or tags; the background stamps the updated time. */
  'notes/update': v.strictObject({ id: noteId, body: v.optional(NoteBodySchema), tags: v.optional(NoteTagsSchema) }),
  /** Deletes a note; the answer holds it, so the reader can undo with 'notes/restore'. */
  'notes/delete': v.strictObject({ id: noteId }),
  'notes/restore': v.strictObject({ note: NoteRecordSchema }),
  /** A page asks for its selection notes, to anchor and highlight them. */
  'notes/for-page': v.strictObject({ url: pageUrl }),
  /** A page reports which of its selection notes it found and which are orphaned. */
  'notes/anchored': v.strictObject({ found: noteIds, lost: noteIds }),
  /** Merges a Web Annotation export (the file's text); a malformed file changes nothing. */
  'notes/import': v.strictObject({ text: v.pipe(v.string(), v.maxLength(64 * 1024 * 1024)) }),
  /** Starts a note on the selection of a tab (what the context menu and the shortcut do). */
  'notes/capture-selection': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  /** The reader closed the side panel's editor for a captured selection without saving. */
  'notes/dismiss-draft': v.strictObject({}),
  /** A page's highlights changed: the background updates the toolbar badge, the side panel re-reads the page. */
  'page/entities-changed': v.strictObject({ entities: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  /**
   * A correction from the popover or the side panel, listed for undo: an entity is not one ("Not an
   * entity"), these words are not to be highlighted on one site or anywhere ("Don't highlight …"),
   * an entity's type or name is another (back to ingestion's, the correction goes), it has a name
   * more or less, it is the same as another (merged into it), or one of its names is another
   * entity's (split off).
   */
  'corrections/add': v.variant('kind', [
    v.strictObject({ kind: v.literal('not-an-entity'), entityId }),
    v.strictObject({ kind: v.literal('hidden-name'), name: entityName, site: v.optional(host) }),
    v.strictObject({ kind: v.literal('type'), entityId, type: v.picklist(ENTITY_TYPES) }),
    v.strictObject({ kind: v.picklist(['rename', 'added-name', 'removed-name']), entityId, name: entityName }),
    v.strictObject({ kind: v.literal('merge'), entityId, into: entityId }),
    v.strictObject({ kind: v.literal('split'), entityId, name: entityName }),
  ]),
  /** Undoes a correction. */
  'corrections/remove': v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) }),
} as const;

/**
 * Messages from extension pages and the background to a tab's content script (browser.tabs.sendMessage).
 * The content script validates them too, and accepts them only from the extension itself.
 */
export const TabMessageSchemas = {
  /** The entities highlighted on the page, with their number of occurrences. */
  'tab/page-report': v.strictObject({}),
  /** Scrolls to the next occurrence of an entity and flashes it. */
  'tab/reveal': v.strictObject({ entityId }),
  /** The reader's current selection, described with W3C selectors over the page's text. */
  'tab/selection': v.strictObject({}),
  /** The page as it is now (its live DOM, serialized), to add it to the reader's documents ("Add this page"). */
  'tab/page-html': v.strictObject({}),
  /**
   * How far the page's first scan has got (the tests and `npm run bench:real` wait for its end). Asked
   * this way, not read from User Timing marks, because the page's own scripts can read those.
   */
  'tab/scan-state': v.strictObject({}),
} as const;

/**
 * News the background sends to the rest of the extension, as `{ broadcast, payload }` (services/broadcast.ts
 * says who hears which). Nobody answers a broadcast; receivers validate it and ignore anything else.
 */
export const BroadcastSchemas = {
  /** Notes changed: content scripts anchor their selection notes again. */
  'notes/changed': v.strictObject({}),
  /** Settings changed: content scripts check whether Contesto still runs on their page. */
  'settings/changed': v.strictObject({}),
  /** The knowledge base changed: content scripts scan their page again with the new dictionary. */
  'knowledge/changed': v.strictObject({}),
  /** A tab's highlights changed: a side panel describing that tab reads its entities again. */
  'page/changed': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
} as const;

export type RequestType = keyof typeof RequestSchemas;

/**
 * Whether a sender may send a request again when the background stopped before it answered
 * (services/rpc.ts). The first copy may or may not have been applied, so a request is repeated
 * only when applying it twice leaves the store as applying it once and its answer stays true.
 */
export const REPEATABLE: Record<RequestType, boolean> = {
  'page/init': true,
  // Reads only.
  'page/find': true,
  'entity/card': true,
  'sidepanel/open': true,
  // The sender's id makes a second add store nothing and answer the same id.
  'notes/add': true,
  // Sets values: the same settings either way.
  'settings/update': true,
  // A pack's documents are refused when already stored, so a repeat adds nothing twice (it answers that they are there).
  'packs/import': true,
  // Keeps the part under its number: a repeat keeps the same part.
  'packs/stage': true,
  // Answers the ticket for the reader's undo: a repeat after a removal that went through would answer
  // nothing, and a replaced collection's old documents could no longer be put back. The reader sees the failure instead.
  'packs/remove': false,
  // A ticket puts back once, so a repeat puts back nothing twice.
  'packs/restore': true,
  // Opens a tab: a repeat after an open that went through would open a second one.
  'documents/open': false,
  // Asks the side panel to add the page: a repeat asks again, and adding a page twice stores it once.
  'documents/add-page': true,
  // Answers the ticket for undo: like packs/remove, a repeat would answer nothing to undo.
  'documents/delete': false,
  // Sets the body and tags: the same note either way.
  'notes/update': true,
  // Answers the deleted note for undo: like packs/remove, a repeat would answer nothing to undo.
  'notes/delete': false,
  // Puts the note back under its own id.
  'notes/restore': true,
  'notes/for-page': true,
  // Sets each note's orphan flag.
  'notes/anchored': true,
  // Merges by id: a repeat adds nothing twice (its report calls the notes already there skipped).
  'notes/import': true,
  // Sets the one draft.
  'notes/capture-selection': true,
  'notes/dismiss-draft': true,
  'page/entities-changed': true,
  // A correction is stored once: a repeat finds the first record and answers it.
  'corrections/add': true,
  // Deletes by id: a repeat finds nothing left to delete.
  'corrections/remove': true,
};
export type RequestPayload<T extends RequestType> = v.InferOutput<(typeof RequestSchemas)[T]>;
export type TabMessageType = keyof typeof TabMessageSchemas;
export type TabMessagePayload<T extends TabMessageType> = v.InferOutput<(typeof TabMessageSchemas)[T]>;
export type BroadcastType = keyof typeof BroadcastSchemas;
export type BroadcastPayload<T extends BroadcastType> = v.InferOutput<(typeof BroadcastSchemas)[T]>;
/** One broadcast as it travels; a union over the types, so a receiver's switch narrows the payload. */
export type Broadcast = { [T in BroadcastType]: { broadcast: T; payload: BroadcastPayload<T> } }[BroadcastType];

export interface EntityCard {
  id: string;
  name: string;
  type: EntityType;
  description?: string;
  /** The other names to show (core/names.ts: in the reader's and the documents' languages when known). */
  aliases: string[];
  /** The newest few, newest first. */
  events: { id: string; date: string; summary: string }[];
  /** Each with where it is: its document and its offsets there, to open the document at it. */
  sources: { sentence: string; title: string; date?: string; documentId: string; start: number; end: number }[];
  /** How many events and sources the card leaves to the side panel. */
  more: number;
  related: { id: string; name: string; type: EntityType }[];
  noteCount: number;
}

export interface ResponseTypes {
  /** With the page's selection notes, so that a page load asks once. */
  'page/init': { enabled: false } | ({ enabled: true; notes: SelectionNote[] } & PageSettings);
  /** For each text asked about, its matches in order. */
  'page/find': { matches: Match[][] };
  'entity/card': EntityCard | null;
  'sidepanel/open': { opened: boolean };
  'notes/add': { id: string };
  'settings/update': Settings;
  'packs/stage': { staged: number };
  'packs/import': { packId: string; documents: number; entities: number; events: number };
  'packs/remove': { removed: { undoId: string; documents: number } | null };
  'packs/restore': { restored: true };
  'documents/open': { opened: true };
  'documents/add-page': { requested: true };
  'documents/delete': { deleted: { packId: UserPackId; undoId: string } | null };
  'corrections/add': { correction: { id: string; name: string } | null };
  'corrections/remove': { removed: boolean };
  'notes/update': { updated: boolean };
  'notes/delete': { deleted: NoteRecord | null };
  'notes/restore': { restored: true };
  'notes/for-page': SelectionNote[];
  'notes/anchored': { recorded: true };
  'notes/import': NotesImportReport;
  'notes/capture-selection': { captured: boolean };
  'notes/dismiss-draft': { dismissed: true };
  'page/entities-changed': { badge: string };
}

export interface SelectionNote {
  id: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface NotesImportReport {
  added: string[];
  updated: string[];
  /** Already here unchanged, or here in a newer version than the file's. */
  skipped: string[];
}

export interface PageReport {
  url: string;
  /** One row per entity highlighted on the page, in order of first appearance. */
  entities: { entityId: string; type: EntityType; count: number }[];
}

export interface TabResponseTypes {
  /** null when Contesto is off on the page. */
  'tab/page-report': PageReport | null;
  'tab/reveal': { found: boolean };
  'tab/selection': Extract<NoteTarget, { kind: 'selection' }> | null;
  'tab/page-html': { html: string; url: string; title: string };
  /** null when Contesto is off on the page. */
  'tab/scan-state': FirstScan | null;
}

/** The page's first scan, its times on the page's clock (performance.now() there); null until they happen. */
export interface FirstScan {
  endedAt: number | null;
  firstHighlightAt: number | null;
  lastHighlightAt: number | null;
}

export interface TabMessage<T extends TabMessageType = TabMessageType> {
  type: T;
  payload: TabMessagePayload<T>;
}

export interface Request<T extends RequestType = RequestType> {
  type: T;
  payload: RequestPayload<T>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

const EnvelopeSchema = v.object({ type: v.string(), payload: v.unknown() });
const BroadcastEnvelopeSchema = v.object({ broadcast: v.string(), payload: v.unknown() });

/** Checks an incoming message against the contract; returns the typed request or an error text. */
export function validateRequest(message: unknown): { request: Request } | { error: string } {
  const checked = validateAgainst(RequestSchemas, message);
  return 'error' in checked ? checked : { request: checked.message as Request };
}

/**
 * Who sent a request. A web page's content script runs beside untrusted page code, so it is a
 * `page` sender with the URL of its page; the extension's own pages (popup, side panel, options)
 * are `extension` senders and may ask for everything.
 */
export type RequestSender = { context: 'extension' } | { context: 'page'; url: string };

/** What a page context needs: its settings, the names in its text, cards, the side panel, a card's source document, notes on what it shows, its badge, the card's "Not an entity". */
const PAGE_CONTEXT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'page/init',
  'page/find',
  'entity/card',
  'sidepanel/open',
  'documents/open',
  'notes/add',
  'notes/for-page',
  'notes/anchored',
  'page/entities-changed',
  'corrections/add',
]);

/**
 * Why a sender may not make this request, or undefined when it may. A page may never import,
 * remove, export, change settings or touch notes it did not write from there, and may speak only
 * of its own page (not of another page's notes or settings).
 */
export function refusalFor(request: Request, sender: RequestSender): string | undefined {
  if (sender.context === 'extension') return undefined;
  if (!PAGE_CONTEXT_REQUESTS.has(request.type)) return `"${request.type}" is not available to web pages.`;
  const ownPage = (url: string) => samePage(url, sender.url);
  const typed = request as { [T in RequestType]: Request<T> }[RequestType];
  switch (typed.type) {
    case 'page/init':
    case 'notes/for-page':
      return ownPage(typed.payload.url) ? undefined : 'A page may ask only about itself.';
    // The url only chooses the site's dictionary; a page that moved with history.pushState may be ahead of the address the browser gives its sender.
    case 'page/find':
      return sameSite(typed.payload.url, sender.url) ? undefined : 'A page may ask only about its own site.';
    case 'notes/add':
      return typed.payload.target.kind === 'entity' || ownPage(typed.payload.target.url) ? undefined : 'A page may add notes only on itself.';
    case 'corrections/add':
      return typed.payload.kind !== 'hidden-name' || typed.payload.site === undefined || (URL.canParse(sender.url) && siteOf(sender.url) === typed.payload.site)
        ? undefined
        : 'A page may hide names only on its own site.';
    default:
      return undefined;
  }
}

const samePage = (a: string, b: string) => URL.canParse(a) && URL.canParse(b) && pageOf(a) === pageOf(b);
const sameSite = (a: string, b: string) => URL.canParse(a) && URL.canParse(b) && siteOf(a) === siteOf(b);

/** The same check for messages to a content script. */
export function validateTabMessage(message: unknown): { message: TabMessage } | { error: string } {
  const checked = validateAgainst(TabMessageSchemas, message);
  return 'error' in checked ? checked : { message: checked.message as TabMessage };
}

/** The same check for a broadcast: the typed broadcast, or null for anything else (a request, a malformed or unknown broadcast). */
export function validateBroadcast(message: unknown): Broadcast | null {
  const envelope = v.safeParse(BroadcastEnvelopeSchema, message);
  if (!envelope.success) return null;
  const checked = validatePayload(BroadcastSchemas, envelope.output.broadcast, envelope.output.payload);
  return 'error' in checked ? null : ({ broadcast: checked.message.type, payload: checked.message.payload } as Broadcast);
}

function validateAgainst(schemas: Record<string, v.GenericSchema>, message: unknown): { message: { type: string; payload: unknown } } | { error: string } {
  const envelope = v.safeParse(EnvelopeSchema, message);
  if (!envelope.success) return { error: 'Malformed message: expected { type, payload }.' };
  return validatePayload(schemas, envelope.output.type, envelope.output.payload);
}

function validatePayload(schemas: Record<string, v.GenericSchema>, type: string, payload: unknown): { message: { type: string; payload: unknown } } | { error: string } {
  if (!Object.hasOwn(schemas, type)) return { error: `Unknown message type "${type.slice(0, 50)}".` };
  const parsed = v.safeParse(schemas[type], payload);
  if (!parsed.success) return { error: `Invalid "${type}" message: ${v.getDotPath(parsed.issues[0]) ?? 'payload'}: ${parsed.issues[0].message}` };
  return { message: { type, payload: parsed.output } };
}
