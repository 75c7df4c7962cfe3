import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { useConsoleSession } from '../session.ts';

export default function HomePage() {
  const m = useMessages(consoleMessages);
  const { session } = useConsoleSession();
  if (session === null || session === undefined) return null;
  const role = session.staff.role;
  return (
    <section>
      <h1>{m.home.welcome(session.staff.name)}</h1>
      <p className="lead" data-testid="home-role">
        {m.home[role]}
      </p>
    </section>
  );
}
