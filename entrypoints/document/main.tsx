import { render } from 'preact';
import '@/components/panel.css';
import './document.css';
import { uiLocale } from '@/services/i18n';
import { DocumentView } from '@/components/DocumentView';

document.documentElement.lang = uiLocale();
render(<DocumentView />, document.getElementById('app')!);
