import { useState, type FormEvent } from 'react';
import type { ApiKeyView, Bank, IssuedApiKey, PlatformStats } from '@aman/api';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient, useConsoleSession } from '../session.ts';
import { change, useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

/** Platform staff: their keys, statistics and the banks. Admins: every platform, thresholds. */
export default function PlatformPage() {
  const { session } = useConsoleSession();
  return session?.staff.role === 'admin' ? <AdminPlatforms /> : <OwnPlatform />;
}

function OwnPlatform() {
  const m = useMessages(consoleMessages);
  const [loaded, reload] = useApi(() => consoleClient.myPlatform(), []);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const platform = loaded.value;
  const done = (key: IssuedApiKey) => {
    setIssued(key);
    reload();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(await change(() => consoleClient.createApiKey(label), done));
    setLabel('');
  };
  return (
    <section>
      <h1>{m.platform.heading(platform.name)}</h1>
      <h2>{m.platform.keys}</h2>
      {issued !== null && (
        <p className="callout callout-warm">
          {m.platform.shownOnce}{' '}
          <code dir="ltr" data-testid="new-key">
            {issued.apiKey}
          </code>
        </p>
      )}
      <KeyTable
        keys={platform.keys}
        onRotate={(id) => void change(() => consoleClient.rotateApiKey(id), done).then(setMessage)}
        onRevoke={(id) =>
          void change(() => consoleClient.revokeApiKey(id), reload).then(setMessage)
        }
      />
      <form className="console-form inline" onSubmit={(event) => void create(event)}>
        <label>
          {m.platform.label}
          <input name="label" required value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {m.platform.create}
        </button>
      </form>
      {message !== null && <p role="alert">{message}</p>}
      <h2>{m.platform.stats}</h2>
      <Stats stats={platform.stats} />
      <h2>{m.platform.banks}</h2>
      <Banks banks={platform.banks} editable={false} onSaved={reload} />
    </section>
  );
}

function AdminPlatforms() {
  const m = useMessages(consoleMessages);
  const [platforms, reload] = useApi(() => consoleClient.platforms(), []);
  const [banks, reloadBanks] = useApi(() => consoleClient.banks(), []);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(
      await change(
        () => consoleClient.createPlatform({ name }),
        (key) => {
          setIssued(key);
          setName('');
          reload();
        },
      ),
    );
  };
  return (
    <section>
      <h1>{m.platform.platforms}</h1>
      {platforms.state === 'failed' && <Failed message={platforms.message} />}
      {platforms.state === 'ready' && (
        <table className="console-table" data-testid="platforms">
          <tbody>
            {platforms.value.platforms.map((platform) => (
              <tr key={platform.name}>
                <td>{platform.name}</td>
                <td>{platform.scopes.join(', ')}</td>
                <td>{platform.keys.filter((key) => key.revokedAt === null).length}</td>
                <td>
                  {m.platform.matched}: {platform.stats.signalsMatched}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="console-form inline" onSubmit={(event) => void create(event)}>
        <label>
          {m.platform.newPlatform}
          <input name="platform" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {m.platform.create}
        </button>
      </form>
      {issued !== null && (
        <p className="callout callout-warm">
          {m.platform.shownOnce} <code dir="ltr">{issued.apiKey}</code>
        </p>
      )}
      {message !== null && <p role="alert">{message}</p>}
      <h2>{m.platform.banks}</h2>
      {banks.state === 'ready' && (
        <Banks banks={banks.value.banks} editable onSaved={reloadBanks} />
      )}
    </section>
  );
}

function KeyTable({
  keys,
  onRotate,
  onRevoke,
}: {
  keys: readonly ApiKeyView[];
  onRotate: (id: number) => void;
  onRevoke: (id: number) => void;
}) {
  const m = useMessages(consoleMessages);
  const { format } = useLocale();
  return (
    <table className="console-table" data-testid="keys">
      <thead>
        <tr>
          <th>{m.platform.label}</th>
          <th>{m.platform.prefix}</th>
          <th>{m.platform.created}</th>
          <th>{m.platform.revoked}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} data-revoked={key.revokedAt !== null}>
            <td>{key.label}</td>
            <td dir="ltr">
              <code>{key.prefix}…</code>
            </td>
            <td>{format.date(key.createdAt)}</td>
            <td>{key.revokedAt === null ? m.platform.active : format.date(key.revokedAt)}</td>
            <td>
              {key.revokedAt === null && (
                <>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => onRotate(key.id)}
                  >
                    {m.platform.rotate}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() => onRevoke(key.id)}
                  >
                    {m.platform.revoke}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Stats({ stats }: { stats: PlatformStats }) {
  const m = useMessages(consoleMessages);
  return (
    <dl className="facts" data-testid="stats">
      <dt>{m.platform.matched}</dt>
      <dd>
        {stats.signalsMatched} ({stats.signalsMatched30d} {m.platform.matched30})
      </dd>
      <dt>Blocked</dt>
      <dd>{stats.feedback.Blocked}</dd>
      <dt>NotBlocked</dt>
      <dd>{stats.feedback.NotBlocked}</dd>
      <dt>PendingReview</dt>
      <dd>{stats.feedback.PendingReview}</dd>
      <dt>{m.platform.awaiting}</dt>
      <dd>{stats.awaitingFeedback}</dd>
    </dl>
  );
}

function Banks({
  banks,
  editable,
  onSaved,
}: {
  banks: readonly Bank[];
  editable: boolean;
  onSaved: () => void;
}) {
  const m = useMessages(consoleMessages);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <table className="console-table" data-testid="banks">
        <thead>
          <tr>
            <th>{m.platform.bank}</th>
            <th>{m.platform.purpose}</th>
            <th>{m.platform.size}</th>
            <th>{m.platform.pdq}</th>
            <th>{m.platform.vpdq}</th>
          </tr>
        </thead>
        <tbody>
          {banks.map((bank) => (
            <tr key={bank.name}>
              <td>{bank.name}</td>
              <td>{bank.purpose}</td>
              <td>{bank.signals}</td>
              {(['pdq', 'vpdq'] as const).map((type) => (
                <td key={type}>
                  {editable ? (
                    <input
                      type="number"
                      min={0}
                      max={64}
                      aria-label={`${bank.name} ${type}`}
                      defaultValue={bank.thresholds[type]}
                      onBlur={(event) => {
                        const value = Number(event.target.value);
                        if (value === bank.thresholds[type]) return;
                        void change(
                          () =>
                            consoleClient.updateThresholds(bank.name, {
                              thresholds: { [type]: value },
                            }),
                          onSaved,
                        ).then(setMessage);
                      }}
                    />
                  ) : (
                    bank.thresholds[type]
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {message !== null && <p role="alert">{message}</p>}
    </>
  );
}
