import { useState, type FormEvent } from 'react';
import {
  openPrivateKey,
  sealPrivateKey,
  type TotpEnrolment,
  type WrappedPrivateKey,
} from '@aman/api';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient, consoleSession, useConsoleSession } from '../session.ts';
import { change } from '../use-api.ts';

export default function AccountPage() {
  const m = useMessages(consoleMessages);
  const { session } = useConsoleSession();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (session === null || session === undefined) return null;

  const confirmTotp = async (event: FormEvent) => {
    event.preventDefault();
    const error = await change(() => consoleClient.confirmTotp(code));
    setMessage(error);
    if (error === null) {
      setEnrolment(null);
      setCode('');
      await consoleSession.refresh();
    }
  };
  const disableTotp = async (event: FormEvent) => {
    event.preventDefault();
    const error = await change(() => consoleClient.disableTotp(code));
    setMessage(error);
    if (error === null) await consoleSession.refresh();
  };
  const changePassword = async (event: FormEvent) => {
    event.preventDefault();
    let wrappedPrivateKey: WrappedPrivateKey | undefined;
    if (session.keyPair !== null) {
      // Re-sealed here: the server never sees the private key or either password.
      const key = await openPrivateKey(session.keyPair.wrappedPrivateKey, current, true);
      if (key === undefined) {
        setMessage(m.case.wrongPassword);
        return;
      }
      wrappedPrivateKey = await sealPrivateKey(key, next);
    }
    const error = await change(() =>
      consoleClient.changePassword({
        currentPassword: current,
        newPassword: next,
        ...(wrappedPrivateKey === undefined ? {} : { wrappedPrivateKey }),
      }),
    );
    setMessage(error ?? m.account.changed);
    if (error === null) await consoleSession.refresh();
  };

  return (
    <section>
      <h1>{m.account.heading}</h1>
      <h2>TOTP</h2>
      <p data-testid="totp-state">{session.staff.totp ? m.account.totpOn : m.account.totpOff}</p>
      {!session.staff.totp && enrolment === null && (
        <button
          type="button"
          className="button"
          onClick={() => void change(() => consoleClient.beginTotp(), setEnrolment)}
        >
          {m.account.totpStart}
        </button>
      )}
      {enrolment !== null && (
        <form className="console-form" onSubmit={(event) => void confirmTotp(event)}>
          <p>{m.account.totpSecret}</p>
          <code className="secret" data-testid="totp-secret">
            {enrolment.secret}
          </code>
          <TotpCodeField label={m.account.code} value={code} onChange={setCode} />
          <button type="submit" className="button">
            {m.account.totpConfirm}
          </button>
        </form>
      )}
      {session.staff.totp && (
        <form className="console-form" onSubmit={(event) => void disableTotp(event)}>
          <TotpCodeField label={m.account.code} value={code} onChange={setCode} />
          <button type="submit" className="button button-secondary">
            {m.account.totpDisable}
          </button>
        </form>
      )}
      <h2>{m.account.changePassword}</h2>
      <form className="console-form" onSubmit={(event) => void changePassword(event)}>
        <label>
          {m.account.current}
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {m.account.next}
          <input
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          {m.account.changePassword}
        </button>
      </form>
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}

/** The six-digit code of an authenticator app, as both the enrol and the disable forms ask it. */
function TotpCodeField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        inputMode="numeric"
        pattern="\d{6}"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
