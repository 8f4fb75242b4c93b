import { render } from 'preact';
import '@/components/entity-card.css';
import '@/components/panel.css';
import { uiLocale } from '@/services/i18n';
import { NotesManager } from '@/components/notes-manager/NotesManager';

document.documentElement.lang = uiLocale();
render(<NotesManager />, document.getElementById('app')!);
