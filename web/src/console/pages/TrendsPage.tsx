import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient } from '../session.ts';
import { TrendChart } from '../TrendChart.tsx';
import { useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

export default function TrendsPage() {
  const m = useMessages(consoleMessages);
  const [loaded] = useApi(() => consoleClient.trends(), []);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const trends = loaded.value;
  return (
    <section data-testid="trends">
      <h1>{m.trends.heading}</h1>
      <TrendChart
        title={m.trends.perWeek}
        weeks={trends.weeks}
        series={[{ name: m.trends.total, counts: trends.reports }]}
      />
      <TrendChart
        title={m.trends.perFamily}
        weeks={trends.weeks}
        series={trends.byFamily.map((entry) => ({ name: entry.family, counts: entry.counts }))}
      />
      <TrendChart
        title={m.trends.perChannel}
        weeks={trends.weeks}
        series={trends.byChannel.map((entry) => ({ name: entry.channel, counts: entry.counts }))}
      />
    </section>
  );
}
