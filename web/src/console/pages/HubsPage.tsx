import { useState } from 'react';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient } from '../session.ts';
import { change, useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

export default function HubsPage() {
  const m = useMessages(consoleMessages);
  const [loaded, reload] = useApi(() => consoleClient.hubs(), []);
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  return (
    <section>
      <h1>{m.hubs.heading}</h1>
      <p className="lead">{m.hubs.lead}</p>
      {loaded.value.hubs.length === 0 && <p>{m.hubs.empty}</p>}
      <ul className="hubs" data-testid="hubs">
        {loaded.value.hubs.map((hub) => (
          <li key={`${hub.network}-${hub.key}`}>
            <strong dir="ltr">{hub.value}</strong> ({hub.kind}) · {m.cases.victims(hub.victims)} ·{' '}
            {hub.reason}{' '}
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                void change(
                  () =>
                    consoleClient.addSafelist({
                      kind: hub.kind,
                      value: hub.value,
                      reason: 'other',
                      label: hub.reason.slice(0, 200),
                    }),
                  reload,
                ).then(setMessage)
              }
            >
              {m.hubs.safelist}
            </button>
          </li>
        ))}
      </ul>
      {message !== null && <p role="alert">{message}</p>}
    </section>
  );
}
