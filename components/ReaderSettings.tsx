/**
 * The reader's settings in the options page: which types are highlighted, every occurrence or the
 * first, the hover delay, the reader's languages and the sites where Contesto is off. Read from the
 * store as it changes; every change goes through the background (settings/update), which tells open tabs.
 */
import { useState } from 'preact/hooks';
import type { RequestPayload } from '@/core/messages';
import { primaryLanguage } from '@/core/names';
import { ENTITY_TYPES, type EntityType } from '@/core/pack';
import { MAX_HOVER_DELAY_MS, parseLanguages, type Occurrences } from '@/core/settings';
import { t, uiLocale } from '@/services/i18n';
import { request } from '@/services/rpc';
import { readSettings } from '@/storage/settings';
import { database } from './database';
import { useLive } from './hooks';

const update = (changes: RequestPayload<'settings/update'>) => void request('settings/update', changes);

export function ReaderSettings() {
  const db = database();
  const settings = useLive(() => readSettings(db), [], undefined);
  return (
    <section aria-labelledby="settings" class="settings">
      <h2 id="settings">{t('settingsTitle')}</h2>
      {settings && (
        <>
          <HighlightTypes chosen={settings.highlightTypes} />
          <OccurrencesChoice value={settings.occurrences} />
          <HoverDelay value={settings.hoverDelayMs} />
          <Languages value={settings.languages} />
          <DisabledSites sites={settings.disabledSites} />
        </>
      )}
    </section>
  );
}

function HighlightTypes({ chosen }: { chosen: EntityType[] }) {
  // Kept in the canonical order whatever the order of the clicks.
  const toggle = (type: EntityType, on: boolean) => update({ highlightTypes: ENTITY_TYPES.filter((other) => (other === type ? on : chosen.includes(other))) });
  return (
    <fieldset>
      <legend>{t('settingsTypes')}</legend>
      {ENTITY_TYPES.map((type) => (
        <label key={type} class="choice">
          <input type="checkbox" checked={chosen.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
          {t(`type_${type}`)}
        </label>
      ))}
    </fieldset>
  );
}

function OccurrencesChoice({ value }: { value: Occurrences }) {
  const choices: [Occurrences, string][] = [
    ['all', t('settingsOccurrencesAll')],
    ['first', t('settingsOccurrencesFirst')],
  ];
  return (
    <fieldset>
      <legend>{t('settingsOccurrences')}</legend>
      {choices.map(([occurrences, text]) => (
        <label key={occurrences} class="choice">
          <input type="radio" name="occurrences" checked={value === occurrences} onChange={() => update({ occurrences })} />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

function HoverDelay({ value }: { value: number }) {
  // What the reader is typing, until it is a delay the background accepts.
  const [draft, setDraft] = useState<string>();
  const commit = (text: string) => {
    const ms = Number(text);
    if (text.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > MAX_HOVER_DELAY_MS) return;
    setDraft(undefined);
    update({ hoverDelayMs: ms });
  };
  return (
    <label>
      {t('settingsHoverDelay')}
      <input type="number" min={0} max={MAX_HOVER_DELAY_MS} step={50} value={draft ?? String(value)} onInput={(e) => setDraft(e.currentTarget.value)} onChange={(e) => commit(e.currentTarget.value)} />
    </label>
  );
}

function Languages({ value }: { value: string[] }) {
  const [draft, setDraft] = useState<string>();
  const [invalid, setInvalid] = useState(false);
  const browserLanguage = primaryLanguage(uiLocale());
  const commit = (text: string) => {
    const languages = parseLanguages(text);
    setInvalid(!languages);
    if (!languages) return;
    setDraft(undefined);
    update({ languages });
  };
  return (
    <div class="field">
      <label>
        {t('settingsLanguages')}
        <input
          type="text"
          value={draft ?? value.join(', ')}
          placeholder={browserLanguage}
          aria-describedby="languages-hint"
          aria-invalid={invalid}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onChange={(e) => commit(e.currentTarget.value)}
        />
      </label>
      <p id="languages-hint" class={invalid ? 'error' : 'hint'} aria-live="polite">
        {invalid ? t('settingsLanguagesInvalid') : t('settingsLanguagesHint', browserLanguage)}
      </p>
    </div>
  );
}

function DisabledSites({ sites }: { sites: string[] }) {
  return (
    <div class="field">
      <h3 id="disabled-sites">{t('settingsSites')}</h3>
      {sites.length === 0 ? (
        <p class="hint">{t('settingsNoSites')}</p>
      ) : (
        <ul aria-labelledby="disabled-sites">
          {sites.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button type="button" aria-label={t('settingsRemoveSite', host)} onClick={() => update({ site: { host, enabled: true } })}>
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
