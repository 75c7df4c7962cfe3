import { parseCaseNumber } from '@aman/api';
import { useId, useRef, useState, type FormEvent } from 'react';
import { session, useSession, type CaseCredentials } from '../../app/session.ts';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { useAnnounce } from '../../ui/Announcer.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { Page } from '../../ui/Page.tsx';
import { parsePin } from '../case/pin.ts';
import {
  evidenceFromFile,
  evidenceFromText,
  parseEvidenceUrl,
  sortByTime,
  type EvidenceItem,
} from './evidence.ts';
import { lockerMessages } from './messages.ts';
import { LockerVault, type VaultError } from './vault.ts';

type Busy = null | 'deriving' | { storing: number; total: number } | 'loading' | 'pack';

/** Flow 4: evidence kept with a fingerprint and a time, encrypted before it leaves; a PDF pack. */
export default function LockerPage() {
  const m = useMessages(lockerMessages);
  const { evidence, credentials } = useSession();
  const { locale, format, direction } = useLocale();
  const announce = useAnnounce();
  const [fileKind, setFileKind] = useState<'screenshot' | 'receipt'>('screenshot');
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const vault = useRef<LockerVault | null>(null);
  const id = useId();

  const say = (message: string, error = false) => {
    setNotice({ error, text: message });
    announce(message);
  };

  const addFiles = async (files: File[]) => {
    for (const file of files) session.addEvidence(await evidenceFromFile(file, fileKind));
  };

  const addText = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setFormError(m.emptyText);
    setFormError(null);
    session.addEvidence(await evidenceFromText(text, 'message'));
    setText('');
  };

  const addUrl = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEvidenceUrl(url);
    if (parsed === undefined) return setFormError(m.badUrl);
    setFormError(null);
    session.addEvidence(await evidenceFromText(parsed, 'url'));
    setUrl('');
  };

  const openVault = async (given: CaseCredentials): Promise<LockerVault> => {
    if (vault.current?.opens(given) === true) return vault.current;
    setBusy('deriving');
    vault.current = await LockerVault.open(given);
    return vault.current;
  };

  const errorText = (error: VaultError) => m.storeErrors[error];

  const store = async (given: CaseCredentials) => {
    try {
      const opened = await openVault(given);
      const pending = evidence.filter((item) => item.storedId === undefined);
      let stored = 0;
      for (const item of pending) {
        setBusy({ storing: stored + 1, total: pending.length });
        const result = await opened.store(item);
        if (!result.ok) return say(errorText(result.error), true);
        session.replaceEvidence(item.id, result.value);
        stored++;
      }
      session.setCredentials(given);
      say(m.stored(stored));
    } finally {
      setBusy(null);
    }
  };

  const load = async (given: CaseCredentials) => {
    try {
      const opened = await openVault(given);
      setBusy('loading');
      const result = await opened.loadAll();
      if (!result.ok) return say(errorText(result.error), true);
      session.addEvidence(...result.value.items);
      session.setCredentials(given);
      if (result.value.failed > 0) say(m.storeErrors['wrong-key'], true);
      else
        say(
          result.value.items.length === 0 ? m.nothingStored : m.loaded(result.value.items.length),
        );
    } finally {
      setBusy(null);
    }
  };

  const remove = async (item: EvidenceItem) => {
    if (item.storedId !== undefined && credentials !== null) {
      const opened = await openVault(credentials).finally(() => setBusy(null));
      const result = await opened.remove(item);
      if (!result.ok) return say(errorText(result.error), true);
    }
    session.removeEvidence(item.id);
  };

  const makePack = async () => {
    setBusy('pack');
    try {
      const { downloadEvidencePack } = await import('./pdf/download.ts');
      await downloadEvidencePack({
        items: evidence,
        caseNumber: credentials?.caseNumber ?? null,
        locale,
        direction,
        format,
        messages: m,
      });
      say(m.packReady);
    } catch {
      say(m.packFailed, true);
    } finally {
      setBusy(null);
    }
  };

  const busyText =
    busy === 'deriving'
      ? m.deriving
      : busy === 'pack'
        ? m.makingPack
        : busy !== null && typeof busy === 'object'
          ? m.storing(busy.storing, busy.total)
          : null;

  return (
    <Page title={m.title} lead={m.lead}>
      <p className="callout">{m.onDevice}</p>

      <fieldset className="card">
        <legend>{m.fileKind}</legend>
        {(['screenshot', 'receipt'] as const).map((kind) => (
          <label key={kind} className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={fileKind === kind}
              onChange={() => setFileKind(kind)}
            />{' '}
            {m.kinds[kind]}
          </label>
        ))}
        <FilePicker
          label={m.addFilesLabel}
          button={m.addFilesButton}
          hint={m.addFilesHint}
          accept="image/*,application/pdf"
          onFiles={(files) => void addFiles(files)}
        />
      </fieldset>

      <form className="card" onSubmit={(event) => void addText(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>{m.addTextLabel}</label>
          <textarea
            id={`${id}-text`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            dir="auto"
            rows={4}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button button-secondary">
          {m.addText}
        </button>
      </form>

      <form className="card" onSubmit={(event) => void addUrl(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-url`}>{m.addUrlLabel}</label>
          <input
            id={`${id}-url`}
            type="url"
            className="code-input"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            autoComplete="off"
            inputMode="url"
          />
        </div>
        <button type="submit" className="button button-secondary">
          {m.addUrl}
        </button>
      </form>
      {formError !== null && (
        <p role="alert" className="status-error">
          {formError}
        </p>
      )}

      <section aria-labelledby={`${id}-items`}>
        <h2 id={`${id}-items`}>{m.itemsTitle}</h2>
        {evidence.length === 0 ? (
          <p>{m.noItems}</p>
        ) : (
          <ul className="file-list" data-testid="evidence-items">
            {sortByTime(evidence).map((item) => (
              <li key={item.id} className="file-item" data-kind={item.kind}>
                <span className="file-name">
                  {m.kinds[item.kind]}
                  {item.name !== undefined && <span dir="auto"> · {item.name}</span>}
                </span>
                {item.text !== undefined && (
                  <span dir="auto" className="evidence-text">
                    {item.text.length > 200 ? `${item.text.slice(0, 199)}…` : item.text}
                  </span>
                )}
                <span className="hint">
                  {m.added(format.dateTime(item.addedAt))} ·{' '}
                  {item.storedId !== undefined ? m.storedBadge : m.localBadge}
                </span>
                <span className="mono" data-testid="evidence-sha256">
                  {m.sha256}: {item.sha256}
                </span>
                <span>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={busy !== null}
                    onClick={() => void remove(item)}
                  >
                    {m.removeItem}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {busyText !== null && (
        <p role="status" className="callout callout-warm">
          {busyText}
        </p>
      )}
      {notice !== null && (
        <p
          role={notice.error ? 'alert' : undefined}
          className={`callout ${notice.error ? 'callout-error' : 'callout-ok'}`}
        >
          {notice.text}
        </p>
      )}

      <section aria-labelledby={`${id}-pack`} className="card">
        <h2 id={`${id}-pack`}>{m.packTitle}</h2>
        <p>{m.packIntro}</p>
        <button
          type="button"
          className="button"
          data-testid="make-pack"
          disabled={busy !== null || evidence.length === 0}
          onClick={() => void makePack()}
        >
          {busy === 'pack' ? m.makingPack : m.makePack}
        </button>
      </section>

      <StoreWithCase
        credentials={credentials}
        disabled={busy !== null}
        canStore={evidence.some((item) => item.storedId === undefined)}
        onStore={(given) => void store(given)}
        onLoad={(given) => void load(given)}
      />
      <BackLink />
    </Page>
  );
}

function StoreWithCase({
  credentials,
  disabled,
  canStore,
  onStore,
  onLoad,
}: {
  credentials: CaseCredentials | null;
  disabled: boolean;
  canStore: boolean;
  onStore: (credentials: CaseCredentials) => void;
  onLoad: (credentials: CaseCredentials) => void;
}) {
  const m = useMessages(lockerMessages);
  const [caseNumber, setCaseNumber] = useState(credentials?.caseNumber ?? '');
  const [pin, setPin] = useState(credentials?.pin ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const read = (): CaseCredentials | null => {
    const parsedNumber = parseCaseNumber(caseNumber);
    const parsedPin = parsePin(pin);
    if (parsedNumber === undefined) {
      setError(m.badCaseNumber);
      return null;
    }
    if (parsedPin === undefined) {
      setError(m.badPin);
      return null;
    }
    setError(null);
    return { caseNumber: parsedNumber, pin: parsedPin };
  };
  return (
    <section aria-labelledby={`${id}-store`} className="card">
      <h2 id={`${id}-store`}>{m.storeTitle}</h2>
      <p>{m.storeIntro}</p>
      <div className="field">
        <label htmlFor={`${id}-case`}>{m.caseNumber}</label>
        <input
          id={`${id}-case`}
          type="text"
          className="code-input"
          value={caseNumber}
          onChange={(event) => setCaseNumber(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pin`}>{m.pin}</label>
        <input
          id={`${id}-pin`}
          type="password"
          className="code-input"
          value={pin}
          onChange={(event) => setPin(event.target.value)}
          autoComplete="off"
          inputMode="numeric"
        />
      </div>
      {error !== null && (
        <p role="alert" className="status-error">
          {error}
        </p>
      )}
      <p className="actions">
        <button
          type="button"
          className="button"
          disabled={disabled || !canStore}
          onClick={() => {
            const given = read();
            if (given !== null) onStore(given);
          }}
        >
          {m.store}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={disabled}
          onClick={() => {
            const given = read();
            if (given !== null) onLoad(given);
          }}
        >
          {m.load}
        </button>
      </p>
    </section>
  );
}
