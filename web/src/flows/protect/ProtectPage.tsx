import type { SignalSubmission } from '@aman/api';
import { useEffect, useId, useState } from 'react';
import { useRouter } from '../../app/router.tsx';
import { session, type CaseCredentials } from '../../app/session.ts';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { isLeaving } from '../../shell/quick-exit.ts';
import { useAnnounce } from '../../ui/Announcer.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { Page } from '../../ui/Page.tsx';
import { api, apiErrorMessage } from '../media/api.ts';
import { HashQueueView } from '../media/HashQueueView.tsx';
import { MEDIA_ACCEPT } from '../media/hashing.ts';
import { mediaMessages } from '../media/messages.ts';
import { batchSignals } from '../media/signals.ts';
import { useHashQueue } from '../media/useHashQueue.ts';
import { protectMessages } from './messages.ts';

type Step =
  | { kind: 'choose' }
  | { kind: 'review' }
  | { kind: 'sending' }
  | { kind: 'done'; credentials: CaseCredentials; partial: string | null };

/** Flow 2: files hashed here, only the hashes sent, a case number and PIN shown once. */
export default function ProtectPage() {
  const m = useMessages(protectMessages);
  const media = useMessages(mediaMessages);
  const queue = useHashQueue();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const batches = batchSignals(queue.signals);
  const fileCount = queue.items.filter(
    (item) => item.status.kind === 'done' && item.status.signals.length > 0,
  ).length;

  const send = async () => {
    setError(null);
    setStep({ kind: 'sending' });
    const [first, ...rest] = batches;
    if (first === undefined) return;
    const opened = await api.createCase({ signals: first });
    if (!opened.ok) {
      setError(apiErrorMessage(opened.error, media));
      setStep({ kind: 'review' });
      return;
    }
    const credentials = { caseNumber: opened.value.caseNumber, pin: opened.value.pin };
    let partial: string | null = null;
    for (const batch of rest) {
      const added = await api.addSignals(credentials.caseNumber, credentials.pin, {
        signals: batch,
      });
      if (!added.ok) {
        partial = apiErrorMessage(added.error, media);
        break;
      }
    }
    queue.clear();
    setStep({ kind: 'done', credentials, partial });
  };

  if (step.kind === 'done') {
    return (
      <Page title={m.doneTitle} lead={m.doneLead}>
        {step.partial !== null && (
          <p role="alert" className="callout callout-error">
            {step.partial}
          </p>
        )}
        <CaseCredentialsCard credentials={step.credentials} />
      </Page>
    );
  }

  if (step.kind === 'review' || step.kind === 'sending') {
    return (
      <Page title={m.reviewTitle}>
        <ReviewSignals batches={batches} fileCount={fileCount} />
        {error !== null && (
          <p role="alert" className="callout callout-error">
            {error}
          </p>
        )}
        <p className="actions">
          <button
            type="button"
            className="button"
            disabled={step.kind === 'sending'}
            onClick={() => void send()}
          >
            {step.kind === 'sending' ? m.sending : m.send}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={step.kind === 'sending'}
            onClick={() => setStep({ kind: 'choose' })}
          >
            {m.edit}
          </button>
        </p>
      </Page>
    );
  }

  return (
    <Page title={m.title} lead={m.lead}>
      <p className="callout">{media.onDevice}</p>
      <p>{m.how}</p>
      <p>{m.which}</p>
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
      <p className="actions">
        <button
          type="button"
          className="button"
          disabled={queue.busy || batches.length === 0}
          onClick={() => setStep({ kind: 'review' })}
        >
          {m.review}
        </button>
      </p>
      <BackLink />
    </Page>
  );
}

/** Exactly the request bodies that will go to the server, so the person can see for themselves. */
export function ReviewSignals({
  batches,
  fileCount,
}: {
  batches: readonly (readonly SignalSubmission[])[];
  fileCount: number;
}) {
  const m = useMessages(protectMessages);
  const hashCount = batches.reduce((sum, batch) => sum + batch.length, 0);
  return (
    <>
      <p className="callout">{m.reviewIntro(hashCount, fileCount)}</p>
      <p>{m.reviewExact}</p>
      {batches.map((batch, index) => (
        <pre className="mono" key={index} data-testid="review-body" tabIndex={0}>
          {JSON.stringify({ signals: batch }, null, 2)}
        </pre>
      ))}
    </>
  );
}

/** The case number and PIN, shown once, with ways to keep them. */
function CaseCredentialsCard({ credentials }: { credentials: CaseCredentials }) {
  const m = useMessages(protectMessages);
  const { format } = useLocale();
  const { navigate } = useRouter();
  const announce = useAnnounce();
  const [saved, setSaved] = useState(false);
  const checkId = useId();

  useEffect(() => {
    announce(`${m.caseNumber}: ${credentials.caseNumber}. ${m.pin}: ${credentials.pin}`);
  }, [announce, credentials, m]);

  useEffect(() => {
    if (saved) return;
    const guard = (event: BeforeUnloadEvent) => {
      if (isLeaving(document)) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [saved]);

  const saveFile = () => {
    const body = m.fileBody(
      credentials.caseNumber,
      credentials.pin,
      format.dateTime(Date.now()),
      `${location.origin}/case`,
    );
    const url = URL.createObjectURL(
      new Blob([`${m.fileTitle}\n\n${body}`], { type: 'text/plain;charset=utf-8' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `aman-${credentials.caseNumber}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <div className="credentials" data-testid="credentials">
        <p>
          {m.caseNumber}
          <br />
          <span className="credential-value" data-testid="case-number">
            {credentials.caseNumber}
          </span>
        </p>
        <p>
          {m.pin}
          <br />
          <span className="credential-value" data-testid="case-pin">
            {credentials.pin}
          </span>
        </p>
        <p className="callout callout-warm">{m.onceWarning}</p>
      </div>
      <p className="actions no-print">
        <button type="button" className="button button-secondary" onClick={saveFile}>
          {m.saveFile}
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {m.print}
        </button>
      </p>
      <p className="no-print">
        <input
          id={checkId}
          type="checkbox"
          checked={saved}
          onChange={(event) => setSaved(event.target.checked)}
        />{' '}
        <label htmlFor={checkId}>{m.savedCheck}</label>
      </p>
      <p className="actions no-print">
        <button
          type="button"
          className="button"
          disabled={!saved}
          onClick={() => {
            session.setCredentials(credentials);
            navigate('/case');
          }}
        >
          {m.openCase}
        </button>
      </p>
    </>
  );
}
