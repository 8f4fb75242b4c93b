import { render } from 'preact';
import '@/components/entity-card.css';
import '@/components/panel.css';
import { uiLocale } from '@/services/i18n';
import { SidePanel } from '@/components/side-panel/SidePanel';
import { createImportWorker } from '../options/import-worker';

document.documentElement.lang = uiLocale();
render(<SidePanel createImportWorker={createImportWorker} />, document.getElementById('app')!);
