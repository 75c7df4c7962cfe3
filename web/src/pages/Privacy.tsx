import { useMessages } from '../i18n/LocaleProvider.tsx';
import { BackLink } from '../ui/BackLink.tsx';
import { Page } from '../ui/Page.tsx';
import { infoMessages } from './info-messages.ts';

export default function Privacy() {
  const m = useMessages(infoMessages);
  return (
    <Page title={m.privacyTitle} lead={m.privacyLead}>
      <ul className="points">
        {m.privacyPoints.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
      <BackLink />
    </Page>
  );
}
