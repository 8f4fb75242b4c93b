import { render } from 'preact';
import '@/components/panel.css';
import './welcome.css';
import { uiLocale } from '@/services/i18n';
import { Welcome } from '@/components/Welcome';

document.documentElement.lang = uiLocale();
render(<Welcome />, document.getElementById('app')!);
