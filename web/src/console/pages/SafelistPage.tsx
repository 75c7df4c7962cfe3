import { useState, type FormEvent } from 'react';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient } from '../session.ts';
import { change, useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

const KINDS = ['phone', 'email', 'iban', 'bitcoin', 'ethereum', 'url', 'account', 'mtcn'] as const;
const REASONS = [
  'helpline',
  'official-service',
  'exchange-wallet',
  'awareness-example',
  'reserved-example',
  'other',
] as const;

function ruleText(rule: { type: string } & Record<string, string>): string {
  return rule['key'] ?? rule['domain'] ?? rule['prefix'] ?? rule['phoneType'] ?? '';
}

export default function SafelistPage() {
  const m = useMessages(consoleMessages);
  const [loaded, reload] = useApi(() => consoleClient.safelist(), []);
  const [kind, setKind] = useState<string>('phone');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<string>('helpline');
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const body = kind === 'domain' ? { domain: value } : { kind, value };
    const error = await change(
      () => consoleClient.addSafelist({ ...body, reason, label }),
      () => {
        setValue('');
        setLabel('');
        reload();
      },
    );
    setMessage(error);
  };
  const entries = loaded.value.entries;
  return (
    <section>
      <h1>{m.safelist.heading}</h1>
      <p className="lead">{m.safelist.lead}</p>
      <form className="console-form inline" onSubmit={(event) => void add(event)}>
        <label>
          {m.safelist.kind}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {[...KINDS, 'domain'].map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <label>
          {m.safelist.value}
          <input
            name="value"
            dir="ltr"
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <label>
          {m.safelist.reason}
          <select name="reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            {REASONS.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <label>
          {m.safelist.label}
          <input name="label" required value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {m.safelist.add}
        </button>
      </form>
      {message !== null && <p role="alert">{message}</p>}
      <table className="console-table" data-testid="safelist">
        <tbody>
          {entries.map((entry) => (
            <tr key={JSON.stringify(entry.rule)} data-custom={entry.custom}>
              <td>{entry.rule.type}</td>
              <td dir="ltr">{ruleText(entry.rule as { type: string } & Record<string, string>)}</td>
              <td>{entry.reason}</td>
              <td>{entry.label}</td>
              <td>
                {entry.custom ? (
                  <>
                    {m.safelist.addedBy(entry.addedBy ?? '')}{' '}
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() =>
                        void change(
                          () => consoleClient.removeSafelist({ rule: entry.rule }),
                          reload,
                        ).then(setMessage)
                      }
                    >
                      {m.safelist.remove}
                    </button>
                  </>
                ) : (
                  m.safelist.builtIn
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
