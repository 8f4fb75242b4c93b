/**
 * The page that opens after install: what Contesto does, the bundled example article with the
 * names it knows underlined (as pages show them), and the way to the reader's own documents.
 */
import { useState } from 'preact/hooks';
import { t } from '@/services/i18n';
import { bundledExample } from '@/storage/packs';
import { database } from './database';
import { withEntities } from './EntityText';
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
            {withEntities(example.document.text, example.mentions)}
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
