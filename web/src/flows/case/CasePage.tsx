import { parseCaseNumber, type CaseSignal, type CaseView } from '@aman/api';
import { lazy, Suspense, useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { session, useSession, type CaseCredentials } from '../../app/session.ts';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { useAnnounce } from '../../ui/Announcer.tsx';
import { useModalDialog } from '../../ui/useModalDialog.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { Page } from '../../ui/Page.tsx';
import { api, apiErrorMessage } from '../media/api.ts';
import { HashQueueView } from '../media/HashQueueView.tsx';
import { MEDIA_ACCEPT } from '../media/hashing.ts';
import { mediaMessages } from '../media/messages.ts';
import { batchSignals } from '../media/signals.ts';
import { useHashQueue } from '../media/useHashQueue.ts';
import { caseMessages } from './messages.ts';
import { MessagesSection } from './MessagesSection.tsx';
import { parsePin } from './pin.ts';

/** Consent: share the case with a helpline (its encryption code loads with it). */
const ShareSection = lazy(() => import('../share/ShareSection.tsx'));

/** Flow 3: follow a case with its number and PIN; add files; withdraw some or all. */
export default function CasePage() {
  const m = useMessages(caseMessages);
  const { credentials } = useSession();
  return (
    <Page title={m.title} lead={credentials === null ? m.lead : undefined}>
      {credentials === null ? <OpenCaseForm /> : <OpenCase credentials={credentials} />}
      <BackLink />
    </Page>
  );
}

function OpenCaseForm() {
  const m = useMessages(caseMessages);
  const media = useMessages(mediaMessages);
  const [caseNumber, setCaseNumber] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsedNumber = parseCaseNumber(caseNumber);
    const parsedPin = parsePin(pin);
    if (parsedNumber === undefined) return setError(m.badCaseNumber);
    if (parsedPin === undefined) return setError(m.badPin);
    setBusy(true);
    setError(null);
    const result = await api.getCase(parsedNumber, parsedPin);
    setBusy(false);
    if (!result.ok) return setError(apiErrorMessage(result.error, media));
    session.setCredentials({ caseNumber: parsedNumber, pin: parsedPin });
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-case`}>{m.caseNumber}</label>
        <span className="hint" id={`${id}-case-hint`}>
          {m.caseNumberHint}
        </span>
        <input
          id={`${id}-case`}
          type="text"
          className="code-input"
          value={caseNumber}
          onChange={(event) => setCaseNumber(event.target.value)}
          aria-describedby={`${id}-case-hint`}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pin`}>{m.pin}</label>
        <span className="hint" id={`${id}-pin-hint`}>
          {m.pinHint}
        </span>
        <input
          id={`${id}-pin`}
          type="password"
          className="code-input"
          value={pin}
          onChange={(event) => setPin(event.target.value)}
          aria-describedby={`${id}-pin-hint`}
          autoComplete="off"
          inputMode="numeric"
        />
      </div>
      {error !== null && (
        <p role="alert" className="callout callout-error">
          {error}
        </p>
      )}
      <p className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? m.opening : m.open}
        </button>
      </p>
    </form>
  );
}

type Withdrawal = { kind: 'selected'; ids: number[] } | { kind: 'all' };

function OpenCase({ credentials }: { credentials: CaseCredentials }) {
  const m = useMessages(caseMessages);
  const media = useMessages(mediaMessages);
  const { format } = useLocale();
  const announce = useAnnounce();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [confirming, setConfirming] = useState<Withdrawal | null>(null);
  const [sending, setSending] = useState(false);
  const queue = useHashQueue();

  const load = useCallback(async () => {
    const result = await api.getCase(credentials.caseNumber, credentials.pin);
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else {
      setError(apiErrorMessage(result.error, media));
    }
  }, [credentials, media]);

  useEffect(() => {
    void load();
  }, [load]);

  const withdraw = async (what: Withdrawal) => {
    setConfirming(null);
    const result = await api.withdraw(
      credentials.caseNumber,
      credentials.pin,
      what.kind === 'all' ? {} : { signalIds: what.ids },
    );
    if (!result.ok) return setError(apiErrorMessage(result.error, media));
    setSelected(new Set());
    const deleted = result.value.reportsDeleted ?? 0;
    const message =
      deleted > 0
        ? `${m.withdrawn(result.value.withdrawn.length)} ${m.messagesDeleted(deleted)}`
        : m.withdrawn(result.value.withdrawn.length);
    setNotice(message);
    announce(message);
    await load();
  };

  const addFingerprints = async () => {
    setSending(true);
    let count = 0;
    for (const batch of batchSignals(queue.signals)) {
      const result = await api.addSignals(credentials.caseNumber, credentials.pin, {
        signals: batch,
      });
      if (!result.ok) {
        setError(apiErrorMessage(result.error, media));
        break;
      }
      count += batch.length;
    }
    setSending(false);
    if (count > 0) {
      queue.clear();
      const message = m.added_(count);
      setNotice(message);
      announce(message);
    }
    await load();
  };

  const toggle = (signalId: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(signalId);
    else next.delete(signalId);
    setSelected(next);
  };

  if (view === null) {
    return error !== null ? (
      <>
        <p role="alert" className="callout callout-error">
          {error}
        </p>
        <CloseCase />
      </>
    ) : (
      <p className="loading">{m.opening}</p>
    );
  }

  const active = view.status === 'active';
  return (
    <>
      <div className="card" data-testid="case-summary">
        <p>
          <strong>{m.caseNumber}:</strong>{' '}
          <span className="mono" data-testid="open-case-number">
            {credentials.caseNumber}
          </span>
        </p>
        <p className={active ? 'status-ok' : ''} data-case-status={view.status}>
          {active ? m.statusActive : m.statusWithdrawn}
        </p>
        <p className="hint">{m.opened(format.date(view.createdAt))}</p>
        <p className="actions no-print">
          <button type="button" className="button button-secondary" onClick={() => void load()}>
            {m.refresh}
          </button>
        </p>
      </div>
      {notice !== null && <p className="callout callout-ok">{notice}</p>}
      {error !== null && (
        <p role="alert" className="callout callout-error">
          {error}
        </p>
      )}

      <section aria-labelledby="case-platforms">
        <h2 id="case-platforms">{m.platformsTitle}</h2>
        {view.feedback.length === 0 ? (
          <p>{m.noFeedback}</p>
        ) : (
          <ul className="points" data-testid="feedback">
            {view.feedback.map((item) => (
              <li key={`${item.platform}-${item.signalId}`} data-decision={item.decision}>
                {m.decisions[item.decision](item.platform, format.dateTime(item.at))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="case-fingerprints">
        <h2 id="case-fingerprints">{m.fingerprintsTitle}</h2>
        <ul className="file-list" data-testid="signals">
          {view.signals.map((signal) => (
            <SignalRow
              key={signal.id}
              signal={signal}
              selectable={active && signal.status === 'active'}
              checked={selected.has(signal.id)}
              onToggle={(on) => toggle(signal.id, on)}
            />
          ))}
        </ul>
        {active && (
          <p className="actions">
            <button
              type="button"
              className="button button-danger"
              disabled={selected.size === 0}
              onClick={() => setConfirming({ kind: 'selected', ids: [...selected] })}
            >
              {m.withdrawSelected}
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => setConfirming({ kind: 'all' })}
            >
              {m.withdrawAll}
            </button>
          </p>
        )}
      </section>

      {active && (
        <section aria-labelledby="case-add">
          <h2 id="case-add">{m.addTitle}</h2>
          <FilePicker
            label={media.chooseLabel}
            button={media.chooseButton}
            hint={media.chooseHint}
            accept={MEDIA_ACCEPT}
            onFiles={queue.add}
          />
          <HashQueueView
            items={queue.items}
            busy={queue.busy}
            onCancel={queue.cancelAll}
            onRemove={queue.remove}
          />
          {queue.signals.length > 0 && (
            <p className="actions">
              <button
                type="button"
                className="button"
                disabled={queue.busy || sending}
                onClick={() => void addFingerprints()}
              >
                {m.addFiles}
              </button>
            </p>
          )}
        </section>
      )}

      <MessagesSection key={view.status} credentials={credentials} />

      <Suspense fallback={null}>
        <ShareSection credentials={credentials} active={active} />
      </Suspense>
      <ConfirmDialog
        withdrawal={confirming}
        onConfirm={(what) => void withdraw(what)}
        onCancel={() => setConfirming(null)}
      />
      <CloseCase />
    </>
  );
}

function SignalRow({
  signal,
  selectable,
  checked,
  onToggle,
}: {
  signal: CaseSignal;
  selectable: boolean;
  checked: boolean;
  onToggle: (on: boolean) => void;
}) {
  const m = useMessages(caseMessages);
  const media = useMessages(mediaMessages);
  const { format } = useLocale();
  const id = useId();
  const type = media.signalTypes[signal.type];
  const preview = Array.isArray(signal.value)
    ? `${format.number(signal.value.length)} × PDQ`
    : `${signal.value.slice(0, 16)}…`;
  return (
    <li className="file-item" data-signal-id={signal.id} data-signal-status={signal.status}>
      <span>
        {selectable && (
          <input
            id={id}
            type="checkbox"
            checked={checked}
            onChange={(event) => onToggle(event.target.checked)}
            aria-label={m.select(`${type} ${preview}`)}
          />
        )}{' '}
        <label htmlFor={selectable ? id : undefined}>{type}</label>
      </span>
      <span className="mono">{preview}</span>
      <span className="hint">
        {m.signalStatus[signal.status]} · {m.added(format.date(signal.createdAt))}
      </span>
    </li>
  );
}

function ConfirmDialog({
  withdrawal,
  onConfirm,
  onCancel,
}: {
  withdrawal: Withdrawal | null;
  onConfirm: (what: Withdrawal) => void;
  onCancel: () => void;
}) {
  const m = useMessages(caseMessages);
  const { ref: dialog, titleId } = useModalDialog(withdrawal !== null);
  return (
    <dialog ref={dialog} aria-labelledby={titleId} onCancel={onCancel} className="card">
      <h2 id={titleId}>{m.confirmTitle}</h2>
      <p>
        {withdrawal?.kind === 'all'
          ? m.confirmAll
          : m.confirmSelected(withdrawal?.kind === 'selected' ? withdrawal.ids.length : 0)}
      </p>
      <p className="actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => withdrawal !== null && onConfirm(withdrawal)}
        >
          {m.confirm}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {m.keep}
        </button>
      </p>
    </dialog>
  );
}

function CloseCase() {
  const m = useMessages(caseMessages);
  return (
    <p className="actions no-print">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => session.setCredentials(null)}
      >
        {m.close}
      </button>
    </p>
  );
}
