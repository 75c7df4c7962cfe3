import { Link } from '../app/router.tsx';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { shellMessages } from './messages.ts';

export function Footer() {
  const m = useMessages(shellMessages);
  return (
    <footer className="site-footer">
      <p>
        {m.privateByDesign} <Link to="/privacy">{m.privacyLink}</Link>
      </p>
    </footer>
  );
}
