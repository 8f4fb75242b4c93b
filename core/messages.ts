/**
 * The one message contract between the content script (and any other sender) and the
 * background. Every request is validated on arrival; anything else gets a clear error.
 * Responses are plain data: the receiver renders them as text, never as HTML.
 */
import * as v from 'valibot';
import type { EntityType } from './pack';
import type { Settings } from './settings';
import type { CompiledMatcher } from './match';
import { NoteBodySchema, NoteTagsSchema, NoteTargetSchema } from './notes';

const entityId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const pageUrl = v.pipe(v.string(), v.maxLength(8_192), v.url());

export const RequestSchemas = {
  /** A page asks whether Contesto runs on it and, if so, for the compiled dictionary. */
  'page/init': v.strictObject({ url: pageUrl }),
  /** What the popover shows for one entity. */
  'entity/card': v.strictObject({ entityId }),
  /** Opens the side panel of the sender's tab, on an entity when one is given. */
  'sidepanel/open': v.strictObject({ entityId: v.optional(entityId) }),
  /** Stores a new note; the background stamps its id and times. */
  'notes/add': v.strictObject({ target: NoteTargetSchema, body: NoteBodySchema, tags: v.optional(NoteTagsSchema) }),
  /** Turns Contesto on or off, everywhere or for one site. */
  'settings/update': v.strictObject({
    enabled: v.optional(v.boolean()),
    site: v.optional(v.strictObject({ host: v.pipe(v.string(), v.minLength(1), v.maxLength(300)), enabled: v.boolean() })),
    hoverDelayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5_000))),
  }),
} as const;

/** Sent by the background to every tab when settings change; content scripts re-check. */
export const SETTINGS_CHANGED = 'contesto/settings-changed';

export type RequestType = keyof typeof RequestSchemas;
export type RequestPayload<T extends RequestType> = v.InferOutput<(typeof RequestSchemas)[T]>;

export interface EntityCard {
  id: string;
  name: string;
  type: EntityType;
  description?: string;
  aliases: string[];
  /** Newest first. */
  events: { id: string; date: string; summary: string }[];
  sources: { sentence: string; title: string; date?: string }[];
  related: { id: string; name: string; type: EntityType }[];
  noteCount: number;
}

export interface ResponseTypes {
  'page/init': { enabled: false } | { enabled: true; matcher: CompiledMatcher; hoverDelayMs: number };
  'entity/card': EntityCard | null;
  'sidepanel/open': { opened: boolean };
  'notes/add': { id: string };
  'settings/update': Settings;
}

export interface Request<T extends RequestType = RequestType> {
  type: T;
  payload: RequestPayload<T>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

const EnvelopeSchema = v.object({ type: v.string(), payload: v.unknown() });

/** Checks an incoming message against the contract; returns the typed request or an error text. */
export function validateRequest(message: unknown): { request: Request } | { error: string } {
  const envelope = v.safeParse(EnvelopeSchema, message);
  if (!envelope.success) return { error: 'Malformed message: expected { type, payload }.' };
  const { type, payload } = envelope.output;
  if (!Object.hasOwn(RequestSchemas, type)) return { error: `Unknown message type "${type.slice(0, 50)}".` };
  const schema = RequestSchemas[type as RequestType];
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success) return { error: `Invalid "${type}" message: ${v.getDotPath(parsed.issues[0]) ?? 'payload'}: ${parsed.issues[0].message}` };
  return { request: { type: type as RequestType, payload: parsed.output } };
}
