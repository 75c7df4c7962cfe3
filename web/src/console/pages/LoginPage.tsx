import { useState, type FormEvent } from 'react';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient, consoleSession } from '../session.ts';

export default function LoginPage() {
  const m = useMessages(consoleMessages);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await consoleClient.login({
      name,
      password,
      ...(needsTotp && totp !== '' ? { totp } : {}),
    });
    setBusy(false);
    if (result.ok) {
      await consoleSession.signedIn(result.value, password);
      return;
    }
    if (result.error.code === 'totp_required') {
      setNeedsTotp(true);
      setError(m.login.totpNeeded);
      return;
    }
    setError(result.error.message);
  };

  return (
    <form className="console-form" onSubmit={(event) => void submit(event)}>
      <h1>{m.login.heading}</h1>
      <label>
        {m.login.name}
        <input
          name="name"
          autoComplete="username"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        {m.login.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {needsTotp && (
        <label>
          {m.login.totp}
          <input
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            value={totp}
            onChange={(e) => setTotp(e.target.value)}
          />
        </label>
      )}
      {error !== null && (
        <p role="alert" className="callout callout-error">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {m.login.submit}
      </button>
    </form>
  );
}
