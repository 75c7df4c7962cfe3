import { useState, type FormEvent } from 'react';
import { createStaffKeyPair } from '@aman/api';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { navigate } from '../router.tsx';
import { consoleClient, consoleSession } from '../session.ts';

/**
 * The page of a setup link (/console/setup#code): the code is in the fragment, which the browser
 * never sends to a server. The key pair is made here for every account (only helpline members'
 * is kept by the server); its private key is sealed with the password before it leaves the page.
 */
export default function SetupPage() {
  const m = useMessages(consoleMessages);
  const code = location.hash.slice(1);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (code === '') return <p role="alert">{m.setup.missingCode}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setError(m.setup.mismatch);
      return;
    }
    setBusy(true);
    setError(null);
    const { keyPair } = await createStaffKeyPair(password);
    const result = await consoleClient.setup({ code, password, keyPair });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    history.replaceState(null, '', '/console');
    await consoleSession.signedIn(result.value, password);
    navigate('/console');
  };

  return (
    <form className="console-form" onSubmit={(event) => void submit(event)}>
      <h1>{m.setup.heading}</h1>
      <p>{m.setup.lead}</p>
      <label>
        {m.setup.password}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <label>
        {m.setup.confirm}
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </label>
      {error !== null && (
        <p role="alert" className="callout callout-error">
          {error}
        </p>
      )}
      {busy && <p role="status">{m.setup.working}</p>}
      <button type="submit" className="button" disabled={busy}>
        {m.setup.submit}
      </button>
    </form>
  );
}
