import { useEffect, useRef } from 'react';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { Attributes } from 'graphology-types';
import Sigma from 'sigma';
import { EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';
import type { GraphView as GraphModel } from '@aman/api';

/**
 * The network graph, drawn with sigma.js (WebGL) over graphology. Loaded with the pages that show
 * it, never with the rest of the console.
 *
 * Layout: each network gets a disc on a sunflower spiral (larger networks nearer the centre),
 * its nodes a sunflower inside it: instant, stable from one load to the next, readable at 5,000
 * nodes. A single network is small enough to be refined with ForceAtlas2.
 */
const COLORS = {
  case: '#2f6f9f',
  identifier: '#b5472a',
  unlinked: '#9a9a9a',
  lure: '#7a4fa0',
} as const;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export default function GraphView({
  graph,
  refine = false,
  label,
  selected,
  onSelect,
}: {
  graph: GraphModel;
  refine?: boolean;
  label: string;
  /**
   * The selected node's id: it and its neighbours stand out, the rest is dimmed. A node selected
   * anywhere but on the graph (a list, a table) is brought into view with its neighbours; one
   * clicked on the graph is already where the person looks, and the camera stays.
   */
  selected: string | null;
  onSelect: (node: string | null) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<Sigma | null>(null);
  const focus = useRef<Focus>({ node: null, neighbours: new Set() });
  // Read through a ref so that a new callback from the page does not rebuild the renderer.
  const select = useRef(onSelect);
  select.current = onSelect;
  const clicked = useRef<string | null>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const model = buildGraph(graph);
    if (refine && model.order > 1 && model.order <= 2_000) {
      forceAtlas2.assign(model, { iterations: 150, settings: forceAtlas2.inferSettings(model) });
    }
    const sigma = new Sigma(model, element, {
      // While the camera moves, edges and labels wait: thousands of nodes stay fluid, even where
      // WebGL runs without a GPU.
      hideEdgesOnMove: model.size > 1_000,
      hideLabelsOnMove: true,
      renderEdgeLabels: false,
      // One-pixel lines (gl.LINES) instead of thick quads: the cheapest way to draw 10,000 links.
      defaultEdgeType: 'line',
      edgeProgramClasses: { line: UnpickedEdgeLineProgram },
      nodeProgramClasses: { circle: NodeDiscProgram },
      labelRenderedSizeThreshold: 9,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      nodeReducer: (node, attributes) => focusNode(focus.current, node, attributes),
      edgeReducer: (edge, attributes) =>
        focusEdge(focus.current, model.source(edge), model.target(edge), attributes),
    });
    // A click or a tap on a node selects it; on the empty stage, clears the selection.
    sigma.on('clickNode', ({ node }) => {
      clicked.current = node;
      select.current(node);
    });
    sigma.on('clickStage', () => select.current(null));
    renderer.current = sigma;
    return () => {
      renderer.current = null;
      sigma.kill();
    };
  }, [graph, refine]);
  useEffect(() => {
    const sigma = renderer.current;
    const model = sigma?.getGraph();
    const node = selected !== null && model?.hasNode(selected) === true ? selected : null;
    focus.current = {
      node,
      neighbours: node === null ? new Set() : new Set(model!.neighbors(node)),
    };
    // The reducers run once per node and link here, not on every frame the camera moves.
    sigma?.refresh();
    if (sigma !== null && node !== null && node !== clicked.current) {
      bringIntoView(sigma, node, focus.current.neighbours);
    }
    clicked.current = null;
  }, [selected, graph, refine]);
  // dir="ltr": sigma draws a label's text and the box behind it assuming left-to-right text, and a
  // canvas takes its text direction from the page; on an Arabic page the text went left of the
  // node and its box right. The labels are identifiers (addresses, numbers, handles), written
  // left to right anyway.
  return (
    <div
      ref={container}
      className="graph-view"
      dir="ltr"
      role="img"
      aria-label={label}
      data-testid="graph"
    />
  );
}

/**
 * Moves the camera to centre `node` at a zoom that shows its neighbours (within the camera's
 * bounds), at once when the person asked the system for reduced motion.
 */
function bringIntoView(sigma: Sigma, node: string, neighbours: ReadonlySet<string>): void {
  const centre = sigma.getNodeDisplayData(node);
  if (centre === undefined) return;
  // Display data are in the framed graph's coordinates, where the whole graph spans about 1 and
  // the camera's ratio 1 shows it all: a ratio of about twice the farthest neighbour's distance
  // shows every neighbour, with a margin.
  let reach = 0;
  for (const neighbour of neighbours) {
    const point = sigma.getNodeDisplayData(neighbour);
    if (point !== undefined) {
      reach = Math.max(reach, Math.hypot(point.x - centre.x, point.y - centre.y));
    }
  }
  const camera = sigma.getCamera();
  const target = { x: centre.x, y: centre.y, ratio: Math.min(1, Math.max(0.1, reach * 2.4)) };
  if (matchMedia('(prefers-reduced-motion: reduce)').matches) camera.setState(target);
  else void camera.animate(target, { duration: 400 });
}

interface Focus {
  readonly node: string | null;
  readonly neighbours: ReadonlySet<string>;
}

const DIMMED = '#e4e4e4';

/**
 * A node as drawn while one is selected: the node itself highlighted (drawn again on the hover
 * layer, label shown), its neighbours as they are, every other node grey and unlabelled. sigma
 * hands the reducer its own copy of the attributes, so they are changed in place: no object is
 * made per node.
 */
function focusNode(focus: Focus, node: string, attributes: Attributes): Attributes {
  if (focus.node === null) return attributes;
  if (node === focus.node) {
    attributes['highlighted'] = true;
    attributes['forceLabel'] = true;
  } else if (!focus.neighbours.has(node)) {
    attributes['color'] = DIMMED;
    attributes['label'] = null;
  }
  return attributes;
}

/** A link as drawn while a node is selected: the selected node's links only. */
function focusEdge(
  focus: Focus,
  source: string,
  target: string,
  attributes: Attributes,
): Attributes {
  if (focus.node === null) return attributes;
  if (source === focus.node || target === focus.node) attributes['color'] = '#555555';
  else attributes['hidden'] = true;
  return attributes;
}

/**
 * Nodes as round points: one vertex each, all in one draw call. sigma's default circle program is
 * instanced, and WebGL without a GPU (SwiftShader) sets up every instance like a draw call of its
 * own: ~180 ms per frame at 5,000 nodes, against ~35 ms as points. Same antialiased discs; what
 * points give up: each GPU caps their size (ALIASED_POINT_SIZE_RANGE; the largest node at the
 * closest zoom is ~200 px across) and may drop a disc whose centre has left the canvas.
 *
 * The picking pass (every node drawn again, in its id colour, into the offscreen buffer that finds
 * the node under the pointer) is left out while the camera moves: nobody hovers a node during a
 * drag or a zoom, and the frame that ends the move, drawn with the links and labels, draws it again.
 */
class NodeDiscProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodePointProgram<N, E, G> {
  override render(params: RenderParams): void {
    const picking = this.pickProgram;
    if (cameraMoves(this.renderer)) this.pickProgram = null;
    try {
      super.render(params);
    } finally {
      this.pickProgram = picking;
    }
  }
}

/**
 * The test sigma 3's render() makes for a moving camera, the one that hides the links and labels
 * while it moves (`hideEdgesOnMove`): the frame after a move is drawn whole as this turns false.
 */
function cameraMoves<N extends Attributes, E extends Attributes, G extends Attributes>(
  renderer: Sigma<N, E, G>,
): boolean {
  const mouse = renderer.getMouseCaptor();
  return (
    renderer.getCamera().isAnimated() ||
    mouse.isMoving ||
    mouse.draggedEvents > 0 ||
    mouse.currentWheelDirection !== 0
  );
}

/**
 * Links as one-pixel lines without sigma's picking pass. sigma draws every link a second time into
 * an offscreen buffer to find the link under the pointer; this graph listens to no link events
 * (`enableEdgeEvents` stays off), so that pass would only cost time whenever the links are drawn.
 */
class UnpickedEdgeLineProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends EdgeLineProgram<N, E, G> {
  constructor(
    gl: WebGLRenderingContext | WebGL2RenderingContext,
    _pickingBuffer: WebGLFramebuffer | null,
    renderer: Sigma<N, E, G>,
  ) {
    super(gl, null, renderer);
  }
}

function buildGraph(graph: GraphModel): Graph {
  const model = new Graph({ multi: false, type: 'undirected' });
  const byNetwork = new Map<string, GraphModel['nodes'][number][]>();
  for (const node of graph.nodes) {
    byNetwork.set(node.network, [...(byNetwork.get(node.network) ?? []), node]);
  }
  const networks = [...byNetwork.values()].sort((a, b) => b.length - a.length);
  let placed = 0;
  for (const [index, nodes] of networks.entries()) {
    // Network discs on a spiral; each disc's radius grows with the square root of its size.
    const spiral = Math.sqrt(placed + nodes.length / 2) * 1.6;
    const centre = {
      x: spiral * Math.cos(index * GOLDEN_ANGLE),
      y: spiral * Math.sin(index * GOLDEN_ANGLE),
    };
    placed += nodes.length;
    for (const [i, node] of nodes.entries()) {
      const r = Math.sqrt(i + 0.5) * 0.9;
      const links = node['links'] !== false;
      model.addNode(node.id, {
        x: centre.x + r * Math.cos(i * GOLDEN_ANGLE),
        y: centre.y + r * Math.sin(i * GOLDEN_ANGLE),
        size:
          node.type === 'case'
            ? 3 + Math.min(6, node.reports)
            : 4 + Math.min(10, Math.sqrt(node.reports) * 2),
        label: node.label,
        color: node.type === 'identifier' && !links ? COLORS.unlinked : COLORS[node.type],
      });
    }
  }
  for (const edge of graph.edges) {
    if (
      model.hasNode(edge.source) &&
      model.hasNode(edge.target) &&
      !model.hasEdge(edge.source, edge.target)
    ) {
      model.addEdge(edge.source, edge.target, { color: '#c8c8c8' });
    }
  }
  return model;
}
