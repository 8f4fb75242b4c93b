import { render } from 'preact';
import '@/components/entity-card.css';
import '@/components/panel.css';
import { uiLocale } from '@/services/i18n';
import { NotesManager } from '@/components/notes-manager/NotesManager';
import { createImportWorker } from '../options/import-worker';

document.documentElement.lang = uiLocale();
render(<NotesManager createImportWorker={createImportWorker} />, document.getElementById('app')!);
