import type { ReportView } from '@aman/api';
import { useCallback, useEffect, useState } from 'react';
import type { CaseCredentials } from '../../app/session.ts';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { useAnnounce } from '../../ui/Announcer.tsx';
import { useModalDialog } from '../../ui/useModalDialog.ts';
import { api, apiErrorMessage } from '../media/api.ts';
import { mediaMessages } from '../media/messages.ts';
import { caseMessages } from './messages.ts';

/** How much of a message the list shows; the person wrote it down, they recognise it. */
const EXCERPT = 240;

/**
 * The blackmailer's messages the person added to their case ("Add to my case"), each with a way to
 * take it back: deleted on the server, and it stops linking networks at once.
 */
export function MessagesSection({ credentials }: { credentials: CaseCredentials }) {
  const m = useMessages(caseMessages);
  const media = useMessages(mediaMessages);
  const { format } = useLocale();
  const announce = useAnnounce();
  const [reports, setReports] = useState<readonly ReportView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ReportView | null>(null);

  const load = useCallback(async () => {
    const result = await api.reports(credentials.caseNumber, credentials.pin);
    if (result.ok) setReports(result.value.reports);
    else setError(apiErrorMessage(result.error, media));
  }, [credentials, media]);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (report: ReportView) => {
    setConfirming(null);
    const result = await api.deleteReport(credentials.caseNumber, credentials.pin, report.id);
    // Already gone (another tab, a withdrawal): the list is what matters.
    if (!result.ok && result.error.code !== 'report_not_found') {
      setError(apiErrorMessage(result.error, media));
      return;
    }
    setError(null);
    setNotice(m.messageRemoved);
    announce(m.messageRemoved);
    await load();
  };

  return (
    <section aria-labelledby="case-messages">
      <h2 id="case-messages">{m.messagesTitle}</h2>
      {notice !== null && <p className="callout callout-ok">{notice}</p>}
      {error !== null && (
        <p role="alert" className="callout callout-error">
          {error}
        </p>
      )}
      {reports === null ? null : reports.length === 0 ? (
        <p data-testid="no-messages">{m.noMessages}</p>
      ) : (
        <>
          <p className="hint">{m.messagesLead}</p>
          <ul className="file-list" data-testid="messages">
            {reports.map((report) => (
              <li key={report.id} className="file-item" data-report-id={report.id}>
                {/* The message keeps its own direction (Arabic in a French page, and back). */}
                <span dir="auto">
                  {report.text.length > EXCERPT ? `${report.text.slice(0, EXCERPT)}…` : report.text}
                </span>
                <span className="hint">{m.messageAdded(format.date(report.receivedAt))}</span>
                <span className="actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setConfirming(report)}
                    aria-label={m.removeMessageOf(format.date(report.receivedAt))}
                  >
                    {m.removeMessage}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ConfirmRemoval
        report={confirming}
        onConfirm={(report) => void remove(report)}
        onCancel={() => setConfirming(null)}
      />
    </section>
  );
}

function ConfirmRemoval({
  report,
  onConfirm,
  onCancel,
}: {
  report: ReportView | null;
  onConfirm: (report: ReportView) => void;
  onCancel: () => void;
}) {
  const m = useMessages(caseMessages);
  const { ref: dialog, titleId } = useModalDialog(report !== null);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={onCancel}
      className="card"
      data-testid="confirm-remove-message"
    >
      <h2 id={titleId}>{m.confirmRemoveTitle}</h2>
      <p>{m.confirmRemove}</p>
      <p className="actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => report !== null && onConfirm(report)}
        >
          {m.removeMessage}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {m.keepMessage}
        </button>
      </p>
    </dialog>
  );
}
