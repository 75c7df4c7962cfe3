import {
  sealShare,
  shareAdditionalData,
  toBase64Url,
  type HelplineDirectory,
  type SharePayload,
  type ShareView,
} from '@aman/api';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useSession, type CaseCredentials } from '../../app/session.ts';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { api } from '../media/api.ts';
import { shareMessages } from './messages.ts';

/** Evidence bytes that fit one share request (the API takes 2 MiB bodies; base64 grows by 4/3). */
const MAX_SHARED_EVIDENCE_BYTES = 1_200_000;

/**
 * Consent from the case page: share the case with a helpline, and take it back. What the person
 * writes here and the items of their evidence locker are encrypted in this browser for the
 * helpline's members (their public keys come with the directory); the server only relays them.
 */
export default function ShareSection({
  credentials,
  active,
}: {
  credentials: CaseCredentials;
  /** A withdrawn case cannot be shared again, but what was shared can still be taken back. */
  active: boolean;
}) {
  const m = useMessages(shareMessages);
  const { format } = useLocale();
  const { evidence } = useSession();
  const [directory, setDirectory] = useState<HelplineDirectory | null>(null);
  const [shares, setShares] = useState<ShareView[]>([]);
  const [helplineId, setHelplineId] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [withEvidence, setWithEvidence] = useState(true);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const load = useCallback(async () => {
    const [helplines, current] = await Promise.all([
      api.helplines(),
      api.shares(credentials.caseNumber, credentials.pin),
    ]);
    if (helplines.ok) {
      const usable = helplines.value.helplines.filter((entry) => entry.recipients.length > 0);
      setDirectory({ helplines: usable });
      setHelplineId((selected) => selected ?? usable[0]?.id ?? null);
    }
    if (current.ok) setShares(current.value.shares);
  }, [credentials]);
  useEffect(() => {
    void load();
  }, [load]);

  const share = async (event: FormEvent) => {
    event.preventDefault();
    const helpline = directory?.helplines.find((entry) => entry.id === helplineId);
    if (helpline === undefined) return;
    const items = withEvidence ? evidence : [];
    const size = items.reduce(
      (sum, item) => sum + (item.bytes?.length ?? item.text?.length ?? 0),
      0,
    );
    if (size > MAX_SHARED_EVIDENCE_BYTES) {
      setMessage({ error: true, text: m.tooLarge });
      return;
    }
    setBusy(true);
    const payload: SharePayload = {
      v: 1,
      sharedAt: new Date().toISOString(),
      note,
      messages: items
        .filter((item) => item.kind === 'message' || item.kind === 'url')
        .map((item) => ({ text: item.text ?? '', at: item.addedAt })),
      evidence: items
        .filter((item) => item.bytes !== undefined)
        .map((item) => ({
          name: item.name ?? `${item.kind}-${item.sha256.slice(0, 8)}`,
          type: item.mimeType ?? 'application/octet-stream',
          sha256: item.sha256,
          addedAt: item.addedAt,
          data: toBase64Url(item.bytes!),
        })),
    };
    const envelope = await sealShare(
      payload,
      helpline.recipients,
      shareAdditionalData(credentials.caseNumber, helpline.id),
    );
    const result = await api.createShare(credentials.caseNumber, credentials.pin, {
      helplineId: helpline.id,
      envelope,
    });
    setBusy(false);
    if (!result.ok) {
      setMessage({ error: true, text: m.failed(result.error.message) });
      return;
    }
    setNote('');
    setMessage({
      error: false,
      text: m.shared(helpline.name, format.date(result.value.createdAt)),
    });
    await load();
  };

  const revoke = async (shareId: number) => {
    const result = await api.revokeShare(credentials.caseNumber, credentials.pin, shareId);
    setMessage(
      result.ok
        ? { error: false, text: m.revokedNow }
        : { error: true, text: m.failed(result.error.message) },
    );
    await load();
  };

  if (!active && shares.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-title`} data-testid="share-section">
      <h2 id={`${id}-title`}>{m.shareTitle}</h2>
      <p>{m.shareLead}</p>
      <ul className="shares">
        {shares.map((entry) => (
          <li key={entry.id} data-revoked={entry.revokedAt !== null}>
            {entry.revokedAt === null ? (
              <>
                {m.shared(entry.helpline.name, format.date(entry.createdAt))}{' '}
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void revoke(entry.id)}
                >
                  {m.revoke}
                </button>
              </>
            ) : (
              m.revoked(entry.helpline.name, format.date(entry.revokedAt))
            )}
          </li>
        ))}
      </ul>
      {active && directory !== null && directory.helplines.length === 0 && <p>{m.noHelplines}</p>}
      {active && directory !== null && directory.helplines.length > 0 && (
        <form onSubmit={(event) => void share(event)}>
          <div className="field">
            <label htmlFor={`${id}-helpline`}>{m.helpline}</label>
            <select
              id={`${id}-helpline`}
              name="helpline"
              value={helplineId ?? ''}
              onChange={(event) => setHelplineId(Number(event.target.value))}
            >
              {directory.helplines.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>{m.note}</label>
            <textarea
              id={`${id}-note`}
              name="share-note"
              rows={4}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          {evidence.length > 0 && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={withEvidence}
                onChange={(event) => setWithEvidence(event.target.checked)}
              />{' '}
              {m.includeEvidence(evidence.length)}
            </label>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              {m.share}
            </button>
          </p>
        </form>
      )}
      {message !== null && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'callout callout-error' : 'callout callout-ok'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
