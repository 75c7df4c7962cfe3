import { useState, type FormEvent } from 'react';
import { STAFF_ROLES, type SetupLinkResponse, type StaffRole } from '@aman/api';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';
import { consoleClient } from '../session.ts';
import { change, useApi } from '../use-api.ts';
import { Failed } from './shared.tsx';

export default function StaffPage() {
  const m = useMessages(consoleMessages);
  const [loaded, reload] = useApi(() => consoleClient.staff(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('helpline');
  const [where, setWhere] = useState('');
  const [link, setLink] = useState<SetupLinkResponse | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.state === 'loading') return <p className="loading">{m.loading}</p>;
  if (loaded.state === 'failed') return <Failed message={loaded.message} />;
  const shown = (response: SetupLinkResponse) => {
    setLink(response);
    reload();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const extra =
      role === 'helpline' && where !== ''
        ? { helpline: where }
        : role === 'platform'
          ? { platform: where }
          : {};
    setMessage(await change(() => consoleClient.createStaff({ name, role, ...extra }), shown));
  };
  return (
    <section>
      <h1>{m.staff.heading}</h1>
      {link !== null && (
        <p className="callout callout-warm">
          {m.staff.link}{' '}
          <code dir="ltr" data-testid="setup-link">{`${location.origin}${link.setupPath}`}</code>
        </p>
      )}
      <table className="console-table" data-testid="staff">
        <thead>
          <tr>
            <th>{m.staff.name}</th>
            <th>{m.staff.role}</th>
            <th>{m.staff.where}</th>
            <th>{m.staff.state}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {loaded.value.staff.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{m.roles[member.role]}</td>
              <td>{member.helpline?.name ?? member.platform ?? ''}</td>
              <td>
                {member.disabled
                  ? m.staff.disabled
                  : member.active
                    ? m.staff.active
                    : m.staff.waiting}
                {member.totp ? ' · TOTP' : ''}
              </td>
              <td>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    void change(() => consoleClient.resetStaff(member.id), shown).then(setMessage)
                  }
                >
                  {m.staff.reset}
                </button>{' '}
                {!member.disabled && (
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() =>
                      void change(() => consoleClient.disableStaff(member.id), reload).then(
                        setMessage,
                      )
                    }
                  >
                    {m.staff.disable}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="console-form inline" onSubmit={(event) => void create(event)}>
        <label>
          {m.staff.name}
          <input name="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {m.staff.role}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF_ROLES.map((option) => (
              <option key={option} value={option}>
                {m.roles[option]}
              </option>
            ))}
          </select>
        </label>
        {(role === 'helpline' || role === 'platform') && (
          <label>
            {m.staff.where}
            <input name="where" value={where} onChange={(e) => setWhere(e.target.value)} />
          </label>
        )}
        <button type="submit" className="button">
          {m.staff.add}
        </button>
      </form>
      {message !== null && <p role="alert">{message}</p>}
    </section>
  );
}
