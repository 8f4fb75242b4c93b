/**
 * The page that opens after install: what Contesto does, the bundled example article with the
 * names it knows underlined (as pages show them), and the way to the reader's own documents.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '@/services/i18n';
import { bundledExample } from '@/storage/packs';
import { database } from './database';
import { useLive } from './hooks';
import { OptionsLink } from './OptionsLink';

export function Welcome() {
  const example = useLive(() => bundledExample(database()), [], undefined);
  const [open, setOpen] = useState(false);
  return (
    <main class="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p>{t('welcomeIntro')}</p>
      <section aria-labelledby="example">
        <h2 id="example">{t('welcomeExampleTitle')}</h2>
        <p>{t('welcomeExample')}</p>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} disabled={!example}>
          {t('welcomeOpenExample')}
        </button>
        {open && example && (
          <article aria-label={example.document.title} lang={example.document.lang}>
            {withMentions(example.document.text, example.mentions)}
          </article>
        )}
      </section>
      <section aria-labelledby="add">
        <h2 id="add">{t('welcomeAddTitle')}</h2>
        <p>{t('welcomeAdd')}</p>
        <OptionsLink label={t('addDocuments')} />
      </section>
      <p class="muted">{t('welcomePrivacy')}</p>
    </main>
  );
}

/** The text as text nodes, each mention in a span of its type's colour (never HTML). */
function withMentions(text: string, mentions: { start: number; end: number; type: string }[]): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const { start, end, type } of mentions) {
    if (start < at) continue;
    parts.push(text.slice(at, start), <span class={`entity-${type}`}>{text.slice(start, end)}</span>);
    at = end;
  }
  parts.push(text.slice(at));
  return parts;
}
