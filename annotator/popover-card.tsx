/** The popover's card, mounted on its first show (see popover.tsx): the shadow root, its placement beside the line, and the views. */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import cardCss from '@/components/entity-card.css?inline';
import { EntityCard } from '@/components/EntityCard';
import { t, uiLocale } from '@/services/i18n';
import { NoteEditor } from '@/components/NoteEditor';
import type { EntityCard as Card } from '@/core/messages';
import { siteOf } from '@/core/settings';
import type { Popover, PopoverActions, PopoverAnchor } from './popover';
import popoverCss from './popover.css?inline';
import { OWN_UI_ATTRIBUTE } from './text-walker';
import { pageTheme } from './theme';

type View = { status: 'loading' } | { status: 'ready'; card: Card } | { status: 'ambiguous'; label: string; cards: Card[] } | { status: 'missing' } | { status: 'error'; message: string };

/** The card's host element; a page may define a custom element of that name first, and then a name it cannot guess is used. */
const HOST_NAME = 'contesto-popover';

export async function mountPopover(ctx: ContentScriptContext, doc: Document, actions: PopoverActions): Promise<Popover> {
  const ui = await createHost(ctx, doc, HOST_NAME).catch(() => createHost(ctx, doc, `${HOST_NAME}-${Math.random().toString(36).slice(2, 10)}`));
  ui.mount();
  ui.shadowHost.setAttribute(OWN_UI_ATTRIBUTE, '');
  const box = doc.createElement('div');
  box.className = 'popover';
  box.hidden = true;
  box.setAttribute('role', 'dialog');
  ui.uiContainer.append(box);

  let current: PopoverAnchor | null = null;
  // Every show() gets a ticket; a card that arrives for an older ticket is dropped.
  let ticket = 0;
  let stopFollowing: (() => void) | undefined;
  let focusBefore: Element | null = null;

  // Keyed by ticket so that a draft note or status never carries over to another entity.
  const paint = (anchor: PopoverAnchor, view: View) =>
    render(<PopoverView key={ticket} view={view} entityId={anchor.entityId} words={anchor.words} site={siteOf(doc.location.href)} actions={actions} onClose={() => popover.hide()} />, box);

  // Above or below the line, never over it: flipping keeps the card's side clear of the line, shifting moves
  // it only sideways, and its height shrinks to the room left on that side (its body scrolls, its buttons stay).
  const place = (anchor: PopoverAnchor) =>
    computePosition({ getBoundingClientRect: () => anchor.getRect() }, box, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8, fallbackPlacements: ['top-start'], fallbackStrategy: 'bestFit' }),
        shift({ padding: 8 }),
        size({ padding: 8, apply: ({ availableHeight }) => box.style.setProperty('--room', `${Math.max(0, Math.floor(availableHeight))}px`) }),
      ],
    }).then(({ x, y }) => {
      box.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });

  box.addEventListener('keydown', (event) => {
    // The note editor takes its own Esc (it closes the editor, not the card).
    if (event.key === 'Escape' && !event.defaultPrevented) popover.hide();
  });

  const popover: Popover = {
    get anchor() {
      return current;
    },
    async show(anchor, { focus = false } = {}) {
      const mine = ++ticket;
      current = anchor;
      if (focus) focusBefore = doc.activeElement;
      box.dataset.theme = pageTheme(doc);
      box.setAttribute('aria-label', t('loading'));
      paint(anchor, { status: 'loading' });
      box.hidden = false;
      stopFollowing?.();
      stopFollowing = autoUpdate({ getBoundingClientRect: () => anchor.getRect() }, box, () => void place(anchor), { animationFrame: false });
      let view: View;
      try {
        if (anchor.candidates) {
          const cards = (await Promise.all(anchor.candidates.map((id) => actions.loadCard(id)))).filter((card): card is Card => !!card);
          view = cards.length > 1 ? { status: 'ambiguous', label: anchor.label ?? cards[0]!.name, cards } : cards[0] ? { status: 'ready', card: cards[0] } : { status: 'missing' };
        } else {
          const card = await actions.loadCard(anchor.entityId);
          view = card ? { status: 'ready', card } : { status: 'missing' };
        }
      } catch (error) {
        view = { status: 'error', message: (error as Error).message };
      }
      if (mine !== ticket) return;
      // The card's full height until placing measures the room beside the line.
      box.style.removeProperty('--room');
      if (view.status === 'ready') box.setAttribute('aria-label', t('popoverLabel', view.card.name));
      if (view.status === 'ambiguous') box.setAttribute('aria-label', t('popoverLabel', view.label));
      paint(anchor, view);
      await place(anchor);
      if (focus) (box.querySelector<HTMLElement>('h2') ?? box).focus();
    },
    hide() {
      const closing = current;
      ticket++;
      current = null;
      stopFollowing?.();
      stopFollowing = undefined;
      const hadFocus = ui.shadow.activeElement !== null;
      box.hidden = true;
      render(null, box);
      // Back to the highlight when it is in a link or a control, else to where the reader was.
      if (hadFocus) (closing?.focusTarget?.() ?? (focusBefore instanceof HTMLElement ? focusBefore : null))?.focus();
      focusBefore = null;
    },
    contains: (target) => target === ui.shadowHost,
    onPointerEnter: (listener) => box.addEventListener('pointerenter', listener),
    onPointerLeave: (listener) => box.addEventListener('pointerleave', listener),
    remove() {
      popover.hide();
      ui.remove();
    },
  };
  return popover;
}

/** Words that name several entities: the reader picks one, and its card replaces the list. */
function AmbiguousView({ view, site, actions, onClose }: { view: Extract<View, { status: 'ambiguous' }>; site: string; actions: PopoverActions; onClose(): void }) {
  const [chosen, setChosen] = useState<Card | null>(null);
  if (chosen) return <PopoverView view={{ status: 'ready', card: chosen }} entityId={chosen.id} words={view.label} site={site} actions={actions} onClose={onClose} />;
  return (
    <div class="ambiguous">
      <h2 tabIndex={-1}>{t('ambiguousName', view.label, String(view.cards.length))}</h2>
      <ul>
        {view.cards.map((card) => (
          <li key={card.id}>
            <button type="button" class="candidate" onClick={() => setChosen(card)}>
              <span class="name">{card.name}</span> <span class={`type type-${card.type}`}>{t(`type_${card.type}`)}</span>
              {card.description && <span class="description">{card.description}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface PopoverViewProps {
  view: View;
  entityId: string;
  /** The highlighted words, and the page's site, for "Don't highlight …". */
  words: string;
  site: string;
  actions: PopoverActions;
  onClose(): void;
}

function PopoverView({ view, entityId, words, site, actions, onClose }: PopoverViewProps) {
  const [editing, setEditing] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [status, setStatus] = useState('');
  // When the editor closes, the focus goes back to "Add note" rather than to the page (where keys would scroll it).
  const addNoteButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) addNoteButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  if (view.status === 'loading') return <p class="status">{t('loading')}</p>;
  if (view.status === 'missing') return <p class="status">{t('entityUnknown')}</p>;
  if (view.status === 'error') return <p class="status">{view.message}</p>;
  if (view.status === 'ambiguous') return <AmbiguousView view={view} site={site} actions={actions} onClose={onClose} />;

  const correct = (stored: Promise<void>) => void stored.then(onClose, (error: unknown) => setStatus(error instanceof Error ? error.message : String(error)));
  // A note needs words here; the editor stays open until it has some.
  const save = async (body: string, tags: string[]) => {
    if (!body.trim()) return;
    await actions.addNote(entityId, body, tags);
    setEditing(false);
    setStatus(t('noteSaved'));
  };
  return (
    <EntityCard
      card={view.card}
      t={t}
      locale={uiLocale()}
      onMore={() => actions.openInSidePanel(entityId)}
      onOpenSource={({ documentId, start, end }) => actions.openDocument(documentId, { start, end })}
    >
      {editing ? (
        <NoteEditor label={t('noteOnEntity', view.card.name)} onSave={save} onCancel={() => setEditing(false)} />
      ) : (
        <div class="actions">
          <button type="button" onClick={() => actions.openInSidePanel(entityId)}>
            {t('openInSidePanel')}
          </button>
          <button type="button" ref={addNoteButton} onClick={() => setEditing(true)}>
            {t('addNote')}
          </button>
          <button type="button" aria-expanded={correcting} onClick={() => setCorrecting(!correcting)}>
            {t('correctThis')}
          </button>
          <button type="button" onClick={onClose} aria-label={t('close')}>
            ✕
          </button>
        </div>
      )}
      {correcting && !editing && (
        // Each closes the card: the page's highlights change under it once the background has stored the correction.
        <div class="actions" role="group" aria-label={t('correctThis')}>
          <button type="button" onClick={() => correct(actions.markNotAnEntity(entityId))}>
            {t('notAnEntity')}
          </button>
          <button type="button" onClick={() => correct(actions.hideName(words, 'site'))}>
            {t('hideNameOnSite', words, site)}
          </button>
          <button type="button" onClick={() => correct(actions.hideName(words, 'everywhere'))}>
            {t('hideNameEverywhere', words)}
          </button>
        </div>
      )}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
    </EntityCard>
  );
}

function createHost(ctx: ContentScriptContext, doc: Document, name: string) {
  return createShadowRootUi(ctx, {
    name,
    mode: 'closed',
    position: 'inline',
    anchor: doc.documentElement,
    append: 'last',
    css: cardCss + popoverCss,
    // Keys typed into the note editor must not trigger the page's own shortcuts.
    isolateEvents: true,
    onMount: (container) => container,
  });
}
