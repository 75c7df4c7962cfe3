import { useCountry } from '../content/country.tsx';
import { CRISIS_ROUTES } from '../content/services.ts';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { BackLink } from '../ui/BackLink.tsx';
import { Page } from '../ui/Page.tsx';
import { CountryPicker, ServiceList } from '../ui/ServiceList.tsx';
import { infoMessages } from './info-messages.ts';

export default function Crisis() {
  const m = useMessages(infoMessages);
  const { country } = useCountry();
  return (
    <Page title={m.crisisTitle} lead={m.crisisLead}>
      <h2>{m.crisisServices}</h2>
      <CountryPicker />
      <ServiceList ids={CRISIS_ROUTES[country]} />
      <BackLink />
    </Page>
  );
}
