import { useId } from 'react';
import { useCountry } from '../content/country.tsx';
import {
  COUNTRIES,
  SERVICES,
  serviceMessages,
  type Country,
  type ServiceId,
} from '../content/services.ts';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { shellMessages } from '../shell/messages.ts';
import { PhoneIcon } from './icons.tsx';

/** One service: what it does for you, how to reach it, and where that information comes from. */
export function ServiceCard({ id }: { id: ServiceId }) {
  const service = SERVICES[id];
  const text = useMessages(serviceMessages)[id];
  const m = useMessages(shellMessages);
  return (
    <li className="service" data-service={id}>
      <h3 className="service-name">{text.name}</h3>
      <p>{text.what}</p>
      <p className="service-actions">
        {service.phone !== undefined && (
          <a className="button button-secondary" href={`tel:${service.phone}`}>
            <PhoneIcon />
            {m.call(service.phone)}
          </a>
        )}
        <a className="button button-secondary" href={service.url} target="_blank" rel="noreferrer">
          {m.openSite(text.name)} <span className="visually-hidden">{m.opensInNewTab}</span>
        </a>
      </p>
      <p className="service-source">
        {m.source}:{' '}
        {service.sourceUrl !== undefined ? (
          <a href={service.sourceUrl} target="_blank" rel="noreferrer">
            {text.source}
          </a>
        ) : (
          text.source
        )}
      </p>
    </li>
  );
}

export function ServiceList({ ids }: { ids: readonly ServiceId[] }) {
  return (
    <ul className="services">
      {ids.map((id) => (
        <ServiceCard key={id} id={id} />
      ))}
    </ul>
  );
}

/** Which country's services to show; remembered on this device. */
export function CountryPicker() {
  const { country, setCountry } = useCountry();
  const m = useMessages(shellMessages);
  const id = useId();
  return (
    <p className="country-picker">
      <label htmlFor={id}>{m.country}</label>
      <select
        id={id}
        value={country}
        onChange={(event) => setCountry(event.target.value as Country)}
      >
        {COUNTRIES.map((code) => (
          <option key={code} value={code}>
            {m.countries[code]}
          </option>
        ))}
      </select>
    </p>
  );
}
