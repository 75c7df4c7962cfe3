import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { ConsoleLink } from '../router.tsx';
import { consoleClient } from '../session.ts';
import { useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

export default function NetworksPage() {
  const m = useMessages(consoleMessages);
  const { format } = useLocale();
  const [loaded] = useApi(() => consoleClient.networks(), []);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const { networks, reports, syntheticReports } = loaded.value;
  return (
    <section>
      <h1>{m.networks.heading}</h1>
      {syntheticReports > 0 && <p className="callout callout-warm">{m.syntheticBanner}</p>}
      <p className="lead">{m.networks.lead(reports)}</p>
      {networks.length === 0 ? (
        <p>{m.networks.empty}</p>
      ) : (
        <table className="console-table" data-testid="networks">
          <thead>
            <tr>
              <th>{m.networks.victims}</th>
              <th>{m.networks.firstSeen}</th>
              <th>{m.networks.lastSeen}</th>
              <th>{m.networks.amounts}</th>
              <th>{m.networks.channels}</th>
              <th>{m.networks.countries}</th>
              <th>{m.networks.lure}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {networks.map((network) => (
              <tr key={network.id}>
                <td className="number">{network.victims}</td>
                <td>{format.date(network.firstSeen)}</td>
                <td>{format.date(network.lastSeen)}</td>
                <td dir="ltr">
                  {network.amounts
                    .map((amount) => `${format.number(amount.total)} ${amount.currency}`)
                    .join(', ')}
                </td>
                <td>{network.paymentChannels.map((entry) => entry.channel).join(', ')}</td>
                <td>{network.countries.map((entry) => entry.country).join(', ')}</td>
                <td>
                  {network.lureMaterial.length > 0
                    ? m.networks.lureGroups(network.lureMaterial.length)
                    : ''}
                </td>
                <td>
                  <ConsoleLink to={`/console/networks/${network.id}`}>
                    {m.networks.open}
                  </ConsoleLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
