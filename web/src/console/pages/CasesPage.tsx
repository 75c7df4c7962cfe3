import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { ConsoleLink } from '../router.tsx';
import { consoleClient } from '../session.ts';
import { useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

export default function CasesPage() {
  const m = useMessages(consoleMessages);
  const { format } = useLocale();
  const [loaded] = useApi(() => consoleClient.helplineCases(), []);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const cases = loaded.value.cases;
  return (
    <section>
      <h1>{m.cases.heading}</h1>
      {cases.length === 0 ? (
        <p>{m.cases.empty}</p>
      ) : (
        <table className="console-table" data-testid="cases">
          <thead>
            <tr>
              <th>{m.cases.caseNumber}</th>
              <th>{m.cases.sharedAt}</th>
              <th>{m.cases.status}</th>
              <th>{m.cases.assignee}</th>
              <th>{m.cases.reports}</th>
              <th>{m.cases.network}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((entry) => (
              <tr key={entry.shareId} data-synthetic={entry.synthetic}>
                <td>
                  <ConsoleLink
                    to={`/console/cases/${entry.shareId}`}
                    className="case-number"
                    dir="ltr"
                  >
                    {entry.caseNumber}
                  </ConsoleLink>
                  {!entry.canRead && <span className="badge"> {m.cases.locked}</span>}
                </td>
                <td>{format.date(entry.sharedAt)}</td>
                <td>{m.cases.statuses[entry.status]}</td>
                <td>{entry.assignee?.name ?? m.cases.nobody}</td>
                <td>{entry.reports}</td>
                <td>
                  {entry.networks.map((network) => m.cases.victims(network.victims)).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
