import { useMessages } from '../i18n/LocaleProvider.tsx';
import { consoleMessages } from './messages.ts';

const PALETTE = [
  '#2f6f9f',
  '#b5472a',
  '#4f8a3c',
  '#7a4fa0',
  '#c08a1e',
  '#3b8f8f',
  '#8a3b5e',
  '#555',
];

/**
 * A stacked bar chart of weekly counts in SVG (no chart library: the CSP allows no inline style
 * and the shapes are simple), with the same numbers in a table for screen readers and copying.
 */
export function TrendChart({
  title,
  weeks,
  series,
}: {
  title: string;
  weeks: readonly string[];
  series: readonly { name: string; counts: readonly number[] }[];
}) {
  const m = useMessages(consoleMessages);
  const totals = weeks.map((_, week) =>
    series.reduce((sum, entry) => sum + (entry.counts[week] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const width = Math.max(300, weeks.length * 14);
  const height = 160;
  const bar = width / Math.max(1, weeks.length);
  return (
    <figure className="trend-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={title} direction="ltr">
        {weeks.map((week, w) => {
          let y = height;
          return (
            <g key={week}>
              {series.map((entry, s) => {
                const value = entry.counts[w] ?? 0;
                const h = (value / max) * (height - 10);
                y -= h;
                return (
                  <rect
                    key={entry.name}
                    x={w * bar + 1}
                    y={y}
                    width={Math.max(1, bar - 2)}
                    height={h}
                    fill={PALETTE[s % PALETTE.length]}
                  >
                    <title>{`${week} · ${entry.name}: ${value}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        <text x={0} y={height + 16} fontSize={11}>
          {weeks[0] ?? ''}
        </text>
        <text x={width} y={height + 16} fontSize={11} textAnchor="end">
          {weeks.at(-1) ?? ''}
        </text>
      </svg>
      <ul className="legend">
        {series.map((entry, s) => (
          <li key={entry.name}>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={PALETTE[s % PALETTE.length]} />
            </svg>{' '}
            {entry.name}: {entry.counts.reduce((sum, value) => sum + value, 0)}
          </li>
        ))}
      </ul>
      <details>
        <summary>{m.trends.week}</summary>
        <table className="console-table">
          <thead>
            <tr>
              <th>{m.trends.week}</th>
              {series.map((entry) => (
                <th key={entry.name}>{entry.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, w) => (
              <tr key={week}>
                <td dir="ltr">{week}</td>
                {series.map((entry) => (
                  <td key={entry.name}>{entry.counts[w] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
