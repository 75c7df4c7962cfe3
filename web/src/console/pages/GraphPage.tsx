import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { GraphExplorer, useNodeSelection } from '../GraphExplorer.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient } from '../session.ts';
import { useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

/** Every network with two victims or more; `?maxNodes=` raises the limit (5,000 by default). */
export default function GraphPage() {
  const m = useMessages(consoleMessages);
  const query = new URLSearchParams(location.search);
  const maxNodes = Number(query.get('maxNodes') ?? '5000');
  const minVictims = Number(query.get('minVictims') ?? '2');
  const selection = useNodeSelection();
  const [loaded] = useApi(
    () => consoleClient.wholeGraph({ maxNodes, minVictims }),
    [maxNodes, minVictims],
  );
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const graph = loaded.value;
  const summary = m.graph.nodes(graph.nodes.length, graph.edges.length);
  return (
    <section>
      <h1>{m.graph.heading}</h1>
      <p>{m.graph.lead}</p>
      <p data-testid="graph-size">{summary}</p>
      {graph.truncated && <p className="callout">{m.graph.truncated}</p>}
      <GraphExplorer graph={graph} label={summary} selection={selection} linkNetworks />
    </section>
  );
}
