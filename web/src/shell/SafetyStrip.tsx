import { Link } from '../app/router.tsx';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { ArrowIcon } from '../ui/icons.tsx';
import { shellMessages } from './messages.ts';

/** On every screen: the way to the services made for minors, and to someone to talk to now. */
export function SafetyStrip() {
  const m = useMessages(shellMessages);
  return (
    <aside className="safety-strip" aria-label={`${m.under18} ${m.crisis}`}>
      <p>
        <strong>{m.under18}</strong>{' '}
        <Link to="/young">
          {m.under18Link}
          <ArrowIcon direction="forward" />
        </Link>
      </p>
      <p>
        <strong>{m.crisis}</strong>{' '}
        <Link to="/crisis">
          {m.crisisLink}
          <ArrowIcon direction="forward" />
        </Link>
      </p>
    </aside>
  );
}
