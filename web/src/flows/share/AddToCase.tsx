import { parseCaseNumber } from '@aman/api';
import { useId, useState, type FormEvent } from 'react';
import { session, useSession } from '../../app/session.ts';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { parsePin } from '../case/pin.ts';
import { api, apiErrorMessage } from '../media/api.ts';
import { mediaMessages } from '../media/messages.ts';
import { shareMessages } from './messages.ts';

/**
 * Flow 1 → "add to my case": the message just triaged goes to the person's case (the server triages
 * it again, keeps it encrypted, and links the blackmailer's identifiers with other reports).
 */
export function AddToCase({ text }: { text: string }) {
  const m = useMessages(shareMessages);
  const media = useMessages(mediaMessages);
  const { credentials } = useSession();
  const [caseNumber, setCaseNumber] = useState('');
  const [pin, setPin] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' | 'busy' | 'added' } | { kind: 'error'; text: string }
  >({
    kind: 'idle',
  });
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = credentials?.caseNumber ?? parseCaseNumber(caseNumber);
    const code = credentials?.pin ?? parsePin(pin);
    if (number === undefined || code === undefined) {
      setState({
        kind: 'error',
        text: media.apiErrors.invalid_case_number ?? media.apiErrorDefault,
      });
      return;
    }
    setState({ kind: 'busy' });
    const result = await api.addReport(number, code, { text });
    if (!result.ok) {
      setState({ kind: 'error', text: apiErrorMessage(result.error, media) });
      return;
    }
    if (credentials === null) session.setCredentials({ caseNumber: number, pin: code });
    setState({ kind: 'added' });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card" data-testid="add-to-case">
      <h2 id={`${id}-title`}>{m.addTitle}</h2>
      <p>{m.addLead}</p>
      {state.kind === 'added' ? (
        <p role="status" className="callout callout-ok">
          {m.added}
        </p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {credentials === null && (
            <>
              <div className="field">
                <label htmlFor={`${id}-case`}>{m.caseNumber}</label>
                <input
                  id={`${id}-case`}
                  name="caseNumber"
                  dir="ltr"
                  autoComplete="off"
                  value={caseNumber}
                  onChange={(event) => setCaseNumber(event.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-pin`}>{m.pin}</label>
                <input
                  id={`${id}-pin`}
                  name="pin"
                  dir="ltr"
                  inputMode="numeric"
                  autoComplete="off"
                  value={pin}
                  onChange={(event) => setPin(event.target.value)}
                />
              </div>
            </>
          )}
          {state.kind === 'error' && (
            <p role="alert" className="callout callout-error">
              {state.text}
            </p>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={state.kind === 'busy'}>
              {m.add}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
