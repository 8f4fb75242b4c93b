import { render } from 'preact';
import '@/components/entity-card.css';
import '@/components/panel.css';
import { uiLocale } from '@/services/i18n';
import { SidePanel } from '@/components/side-panel/SidePanel';

document.documentElement.lang = uiLocale();
render(<SidePanel />, document.getElementById('app')!);
