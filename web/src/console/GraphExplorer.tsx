import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { GraphView as GraphModel } from '@aman/api';
import { useLocale, useMessages } from '../i18n/LocaleProvider.tsx';
import { consoleMessages } from './messages.ts';
import { ConsoleLink } from './router.tsx';

// sigma and graphology come with the graph only, never with the rest of the page.
const GraphView = lazy(() => import('./GraphView.tsx'));

type GraphNode = GraphModel['nodes'][number];

/** The selected node's id, or null, and the way to change it. */
export type NodeSelection = readonly [string | null, (node: string | null) => void];

/**
 * The one selection of a graph's node, held by the page so that everything that selects a node
 * (the graph, its list of identifiers, a table of the page) shares it. Escape clears it.
 */
export function useNodeSelection(): NodeSelection {
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (selected === null) return;
    const clear = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing) return;
      // This Esc is taken: the quick exit (on the window, after the document) leaves it alone.
      event.preventDefault();
      setSelected(null);
    };
    document.addEventListener('keydown', clear);
    return () => document.removeEventListener('keydown', clear);
  }, [selected]);
  return [selected, setSelected];
}

/**
 * The network graph with what a node is: a click (or a tap) on a node, or a choice in the list of
 * the graph's identifiers (the way in without a mouse), selects it; the panel beside the graph
 * says what the console may show of it. Escape, the close button or a click on the empty stage
 * clears the selection. A node selected from outside the graph (the list, a table of the page)
 * is brought into view.
 */
export function GraphExplorer({
  graph,
  label,
  selection: [selected, setSelected],
  refine = false,
  linkNetworks = false,
}: {
  graph: GraphModel;
  label: string;
  /** From `useNodeSelection`, in the page. */
  selection: NodeSelection;
  refine?: boolean;
  /** Offer a link to the selected node's network page (the whole graph; not a network's page). */
  linkNetworks?: boolean;
}) {
  const m = useMessages(consoleMessages);
  const byId = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node])), [graph]);
  const node = selected === null ? undefined : byId.get(selected);
  return (
    <div className="graph-explorer">
      <div className="graph-stage">
        <Suspense fallback={<p className="loading">{m.loading}</p>}>
          <GraphView
            graph={graph}
            refine={refine}
            label={label}
            selected={selected}
            onSelect={setSelected}
          />
        </Suspense>
        <IdentifierList graph={graph} selected={selected} onSelect={setSelected} />
      </div>
      <aside className="graph-details" aria-label={m.graph.details} data-testid="graph-details">
        {node === undefined ? (
          <p>{m.graph.select}</p>
        ) : (
          <NodeDetails node={node} linkNetwork={linkNetworks} onClose={() => setSelected(null)} />
        )}
      </aside>
    </div>
  );
}

/**
 * The graph's identifiers as buttons, for the keyboard and screen readers. Drawn only once opened:
 * the whole graph holds thousands of them.
 */
function IdentifierList({
  graph,
  selected,
  onSelect,
}: {
  graph: GraphModel;
  selected: string | null;
  onSelect: (node: string) => void;
}) {
  const m = useMessages(consoleMessages);
  const [open, setOpen] = useState(false);
  const identifiers = useMemo(
    () => graph.nodes.filter((node) => node.type === 'identifier'),
    [graph],
  );
  return (
    <details
      className="graph-identifiers"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="graph-identifiers"
    >
      <summary>{m.graph.list(identifiers.length)}</summary>
      {open && (
        <ul>
          {identifiers.map((node) => (
            <li key={node.id}>
              <button
                type="button"
                className="link-button"
                aria-pressed={node.id === selected}
                onClick={() => onSelect(node.id)}
              >
                <bdi dir="ltr">{node.label}</bdi>
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function NodeDetails({
  node,
  linkNetwork,
  onClose,
}: {
  node: GraphNode;
  linkNetwork: boolean;
  onClose: () => void;
}) {
  const m = useMessages(consoleMessages);
  const { format } = useLocale();
  const facts: [string, ReactNode][] = [[m.graph.type, m.graph.types[node.type]]];
  if (node.type === 'identifier') {
    facts.push(
      [m.graph.kind, node.kind],
      [m.graph.value, <bdi dir="ltr">{node.label}</bdi>],
      [m.graph.reports, format.number(node.reports)],
      [m.graph.victims, node.victims === undefined ? '' : format.number(node.victims)],
      [m.graph.firstSeen, node.firstSeen === undefined ? '' : format.date(node.firstSeen)],
      [m.graph.lastSeen, node.lastSeen === undefined ? '' : format.date(node.lastSeen)],
      [m.graph.country, node.country ?? ''],
      [m.graph.channel, node.paymentChannel ?? ''],
      [m.graph.safelisted, node.safelisted ?? m.graph.notSafelisted],
      [m.graph.links, node.links === false ? m.graph.linksNot : m.graph.yes],
    );
  } else if (node.type === 'case') {
    facts.push(
      [m.graph.value, node.label],
      [m.graph.reports, format.number(node.reports)],
      [m.graph.firstSeen, node.firstSeen === undefined ? '' : format.date(node.firstSeen)],
      [m.graph.lastSeen, node.lastSeen === undefined ? '' : format.date(node.lastSeen)],
    );
  } else {
    facts.push(
      [m.graph.reports, format.number(node.reports)],
      [m.graph.variants, format.number(node.hashes?.length ?? 1)],
    );
  }
  facts.push([m.graph.network, <bdi dir="ltr">{node.network}</bdi>]);
  return (
    <>
      <div className="graph-details-head">
        <h3>{m.graph.details}</h3>
        <button type="button" className="button" onClick={onClose}>
          {m.graph.close}
        </button>
      </div>
      <dl className="facts" data-testid="graph-node" data-node={node.id}>
        {facts
          .filter(([, value]) => value !== '')
          .map(([term, value]) => (
            <Fact key={term} term={term} value={value} />
          ))}
      </dl>
      {node.type === 'case' && <p>{m.graph.caseNote}</p>}
      {linkNetwork && (
        <p>
          <ConsoleLink to={`/console/networks/${encodeURIComponent(node.network)}`}>
            {m.graph.openNetwork}
          </ConsoleLink>
        </p>
      )}
    </>
  );
}

function Fact({ term, value }: { term: string; value: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
