import { useCountry } from '../content/country.tsx';
import { UNDER_18_ROUTES } from '../content/services.ts';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { BackLink } from '../ui/BackLink.tsx';
import { Page } from '../ui/Page.tsx';
import { CountryPicker, ServiceList } from '../ui/ServiceList.tsx';
import { infoMessages } from './info-messages.ts';

export default function Young() {
  const m = useMessages(infoMessages);
  const { country } = useCountry();
  return (
    <Page title={m.youngTitle} lead={m.youngLead}>
      <p className="callout">{m.youngTrustedAdult}</p>
      <h2>{m.youngServices}</h2>
      <CountryPicker />
      <ServiceList ids={UNDER_18_ROUTES[country]} />
      <BackLink />
    </Page>
  );
}
