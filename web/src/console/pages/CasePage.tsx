import { useEffect, useState, type FormEvent } from 'react';
import {
  openShare,
  shareAdditionalData,
  wrapShareKey,
  type HelplineCaseDetail,
  type HelplineMembersResponse,
  type SharePayload,
  type ShareStatus,
} from '@aman/api';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { ConsoleLink } from '../router.tsx';
import { consoleClient, consoleSession, useConsoleSession } from '../session.ts';
import { change, useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

const STATUSES: readonly ShareStatus[] = ['new', 'in-progress', 'closed'];

/** Opening the part the victim encrypted: needs the member's unlocked private key. */
type Opened =
  | { state: 'locked' }
  | { state: 'no-key' }
  | { state: 'failed' }
  | { state: 'open'; payload: SharePayload; shareKey: Uint8Array };

export default function CasePage({ params }: { params: Record<string, string> }) {
  const m = useMessages(consoleMessages);
  const shareId = Number(params['shareId']);
  const [loaded, reload] = useApi(() => consoleClient.helplineCase(shareId), [shareId]);
  const [members] = useApi(() => consoleClient.helplineMembers(), []);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  return (
    <CaseView
      detail={loaded.value}
      members={members.state === 'ready' ? members.value : null}
      reload={reload}
    />
  );
}

function CaseView({
  detail,
  members,
  reload,
}: {
  detail: HelplineCaseDetail;
  members: HelplineMembersResponse | null;
  reload: () => void;
}) {
  const m = useMessages(consoleMessages);
  const { format } = useLocale();
  const { session, privateKey } = useConsoleSession();
  const [opened, setOpened] = useState<Opened>({ state: 'locked' });
  const [password, setPassword] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<ShareStatus>(detail.summary.status);
  const [assignee, setAssignee] = useState<string>(String(detail.summary.assignee?.id ?? ''));
  const [message, setMessage] = useState<string | null>(null);
  const summary = detail.summary;
  const helplineId = session?.staff.helpline?.id ?? 0;
  const aad = shareAdditionalData(summary.caseNumber, helplineId);

  useEffect(() => {
    let live = true;
    const key = detail.envelope.key;
    if (key === null) setOpened({ state: 'no-key' });
    else if (privateKey === null) setOpened({ state: 'locked' });
    else {
      void openShare(detail.envelope, key, privateKey, aad).then((result) => {
        if (!live) return;
        setOpened(
          result === undefined
            ? { state: 'failed' }
            : { state: 'open', payload: result.content as SharePayload, shareKey: result.shareKey },
        );
      });
    }
    return () => {
      live = false;
    };
  }, [detail, privateKey, aad]);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await consoleSession.unlock(password))) setMessage(m.case.wrongPassword);
    setPassword('');
  };
  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    const error = await change(() => consoleClient.addCaseNote(summary.shareId, { text: note }));
    setMessage(error);
    if (error === null) {
      setNote('');
      reload();
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const assigneeId = assignee === '' ? null : Number(assignee);
    const member = members?.members.find((entry) => entry.id === assigneeId);
    // Assigning passes the share key on, from this browser, to the colleague's public key.
    const grant =
      member?.publicKey != null && opened.state === 'open' && member.id !== session?.staff.id
        ? await wrapShareKey(
            opened.shareKey,
            { staffId: member.id, publicKey: member.publicKey },
            aad,
          )
        : undefined;
    const error = await change(() =>
      consoleClient.updateHelplineCase(summary.shareId, {
        status,
        assigneeId,
        ...(grant === undefined ? {} : { grant }),
      }),
    );
    setMessage(error ?? m.case.saved);
    if (error === null) reload();
  };

  return (
    <section className="case-detail">
      <p>
        <ConsoleLink to="/console/cases">{m.case.back}</ConsoleLink>
      </p>
      <h1 dir="auto">{m.case.heading(summary.caseNumber)}</h1>
      {summary.networks.map((network) => (
        <p key={network.id} className="badge">
          {m.case.inNetwork(network.victims)}
        </p>
      ))}

      <form className="console-form inline" onSubmit={(event) => void save(event)}>
        <label>
          {m.case.status}
          <select value={status} onChange={(e) => setStatus(e.target.value as ShareStatus)}>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {m.cases.statuses[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.case.assign}
          <select name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{m.cases.nobody}</option>
            {members?.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {m.case.save}
        </button>
      </form>

      <h2>{m.case.encrypted}</h2>
      {opened.state === 'locked' && (
        <form className="console-form inline" onSubmit={(event) => void unlock(event)}>
          <p>{m.case.unlockLead}</p>
          <label>
            {m.login.password}
            <input
              type="password"
              name="unlock"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" className="button">
            {m.case.unlock}
          </button>
        </form>
      )}
      {opened.state === 'no-key' && <p className="callout">{m.case.noKey}</p>}
      {opened.state === 'failed' && <p className="callout callout-error">{m.case.cannotOpen}</p>}
      {opened.state === 'open' && (
        <div className="callout callout-ok" data-testid="shared-content">
          <h3>{m.case.victimNote}</h3>
          <p dir="auto" className="victim-words">
            {opened.payload.note}
          </p>
          {opened.payload.messages.map((entry, index) => (
            <blockquote key={index} dir="auto">
              {entry.text}
            </blockquote>
          ))}
          {opened.payload.evidence.length > 0 && (
            <>
              <h3>{m.case.evidence}</h3>
              <ul>
                {opened.payload.evidence.map((item) => (
                  <li key={item.sha256}>
                    <EvidenceLink item={item} /> <code dir="ltr">{item.sha256.slice(0, 16)}…</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <h2>{m.case.messages}</h2>
      {detail.reports.map((report) => (
        <article key={report.id} className="report" data-testid="report">
          <p className="meta">
            {format.date(report.receivedAt)} · {report.verdict}
            {report.family === null ? '' : ` · ${report.family}`}
          </p>
          <blockquote dir="auto">{report.text}</blockquote>
          <ul className="identifiers" aria-label={m.case.identifiers}>
            {report.identifiers.map((identifier, index) => (
              <li key={index} dir="ltr">
                <span className="kind">{identifier.type}</span> {identifier.normalized}
              </li>
            ))}
          </ul>
        </article>
      ))}

      <h2>{m.case.hashes}</h2>
      <ul className="hashes">
        {detail.case.signals.map((signal) => (
          <li key={signal.id} dir="ltr">
            <span className="kind">{signal.type}</span>{' '}
            <code>
              {typeof signal.value === 'string' ? signal.value : `${signal.value.length} frames`}
            </code>{' '}
            {signal.status}
          </li>
        ))}
        {detail.case.feedback.map((entry) => (
          <li key={`${entry.platform}-${entry.signalId}`}>
            {entry.platform}: {entry.decision} ({format.date(entry.at)})
          </li>
        ))}
      </ul>

      <h2>{m.case.notes}</h2>
      <ul className="notes" data-testid="notes">
        {detail.notes.map((entry) => (
          <li key={entry.id}>
            <p className="meta">
              {entry.author.name} · {format.date(entry.createdAt)}
            </p>
            <p dir="auto">{entry.text}</p>
          </li>
        ))}
      </ul>
      <form className="console-form" onSubmit={(event) => void addNote(event)}>
        <label>
          {m.case.note}
          <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
        </label>
        <button type="submit" className="button">
          {m.case.addNote}
        </button>
      </form>
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}

function EvidenceLink({ item }: { item: SharePayload['evidence'][number] }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const binary = atob(item.data.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type: item.type }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [item]);
  return url === null ? (
    <span>{item.name}</span>
  ) : (
    <a href={url} download={item.name}>
      {item.name}
    </a>
  );
}
