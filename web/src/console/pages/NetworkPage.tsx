import { useId, useMemo, useState } from 'react';
import type { GraphView as GraphModel } from '@aman/api';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { GraphExplorer, useNodeSelection } from '../GraphExplorer.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient } from '../session.ts';
import { TrendChart } from '../TrendChart.tsx';
import { change, useApi } from '../use-api.ts';
import { Failed, saveJson } from './shared.tsx';

export default function NetworkPage({ params }: { params: Record<string, string> }) {
  const m = useMessages(consoleMessages);
  const { format } = useLocale();
  const networkId = params['networkId'] ?? '';
  const [loaded] = useApi(() => consoleClient.network(networkId), [networkId]);
  const [graph] = useApi(() => consoleClient.networkGraph(networkId), [networkId]);
  const [trends] = useApi(() => consoleClient.trends({ network: networkId }), [networkId]);
  const [message, setMessage] = useState<string | null>(null);
  const selection = useNodeSelection();
  const [selected, select] = selection;
  const nodeOfIdentifier = useMemo(
    () => (graph.state === 'ready' ? identifierNodes(graph.value) : new Map<string, string>()),
    [graph],
  );
  const hintId = useId();
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const network = loaded.value;
  const download = async (format: 'misp' | 'stix') => {
    const error = await change(
      () =>
        format === 'misp'
          ? consoleClient.exportMisp(networkId)
          : consoleClient.exportStix(networkId),
      (document) => saveJson(`aman-${networkId}.${format}.json`, document),
    );
    setMessage(error);
  };
  return (
    <section>
      <h1 dir="ltr">{network.id}</h1>
      <dl className="facts">
        <dt>{m.networks.victims}</dt>
        <dd data-testid="victims">{network.victims}</dd>
        <dt>{m.networks.reportsCount}</dt>
        <dd>{network.reports}</dd>
        <dt>{m.networks.firstSeen}</dt>
        <dd>{format.date(network.firstSeen)}</dd>
        <dt>{m.networks.lastSeen}</dt>
        <dd>{format.date(network.lastSeen)}</dd>
        <dt>{m.networks.amounts}</dt>
        <dd dir="ltr">
          {network.amounts
            .map(
              (amount) =>
                `${format.number(amount.min)}–${format.number(amount.max)} ${amount.currency} (${amount.demands})`,
            )
            .join(', ')}
        </dd>
        <dt>{m.networks.channels}</dt>
        <dd>
          {network.paymentChannels.map((entry) => `${entry.channel} (${entry.reports})`).join(', ')}
        </dd>
        <dt>{m.networks.countries}</dt>
        <dd>{network.countries.map((entry) => entry.country).join(', ')}</dd>
        <dt>{m.networks.families}</dt>
        <dd>{network.families.map((entry) => `${entry.family} (${entry.reports})`).join(', ')}</dd>
        <dt>{m.networks.lure}</dt>
        <dd>{m.networks.lureGroups(network.lureMaterial.length)}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="button" onClick={() => void download('misp')}>
          {m.networks.exportMisp}
        </button>
        <button type="button" className="button" onClick={() => void download('stix')}>
          {m.networks.exportStix}
        </button>
      </div>
      {message !== null && <p role="alert">{message}</p>}
      <h2>{m.networks.identifiers}</h2>
      {nodeOfIdentifier.size > 0 && <p id={hintId}>{m.networks.showInGraph}</p>}
      <table className="console-table" data-testid="identifiers">
        <thead>
          <tr>
            <th scope="col">{m.graph.kind}</th>
            <th scope="col">{m.graph.value}</th>
            <th scope="col">{m.networks.victims}</th>
            <th scope="col">{m.networks.safelist}</th>
          </tr>
        </thead>
        <tbody>
          {network.identifiers.map((identifier) => {
            const node = nodeOfIdentifier.get(identifier.key);
            return (
              <tr
                key={identifier.key}
                data-links={identifier.links}
                data-node={node}
                // A click anywhere on the row selects its node; the button's own activation (a
                // click, Enter or Space) bubbles up to here too.
                onClick={node === undefined ? undefined : () => select(node)}
              >
                <td>{identifier.kind}</td>
                <td dir="ltr">
                  {node === undefined ? (
                    identifier.display
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      aria-current={node === selected ? 'true' : undefined}
                      aria-describedby={hintId}
                    >
                      {identifier.display}
                    </button>
                  )}
                </td>
                <td className="count">{m.cases.victims(identifier.victims)}</td>
                <td>
                  {identifier.safelisted === undefined
                    ? ''
                    : `${m.networks.safelist}: ${identifier.safelisted.label}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{m.nav.graph}</h2>
      {graph.state === 'ready' && (
        <GraphExplorer
          graph={graph.value}
          refine
          label={m.graph.nodes(graph.value.nodes.length, graph.value.edges.length)}
          selection={selection}
        />
      )}
      {trends.state === 'ready' && (
        <TrendChart
          title={m.trends.perWeek}
          weeks={trends.value.weeks}
          series={trends.value.byChannel.map((entry) => ({
            name: entry.channel,
            counts: entry.counts,
          }))}
        />
      )}
    </section>
  );
}

/**
 * The graph node of each identifier of the network, by link key. A key is `<kind>:<value>`
 * (@aman/correlation's link keys); a node's id is that key, or that key scoped to the network for
 * an identifier that links nothing, so the node's kind and value are what is compared.
 */
function identifierNodes(graph: GraphModel): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const node of graph.nodes) {
    if (node.type === 'identifier') nodes.set(`${node.kind}:${node.value}`, node.id);
  }
  return nodes;
}
