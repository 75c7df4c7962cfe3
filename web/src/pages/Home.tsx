import { Link, type AppPath } from '../app/router.tsx';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { ArrowIcon } from '../ui/icons.tsx';
import { Page } from '../ui/Page.tsx';
import { homeMessages } from './home-messages.ts';

/** The first screen: the one thing to do right now, and the four ways Aman helps. */
export function Home() {
  const m = useMessages(homeMessages);
  const choices: { to: AppPath; title: string; text: string }[] = [
    { to: '/help', title: m.helpTitle, text: m.helpText },
    { to: '/protect', title: m.protectTitle, text: m.protectText },
    { to: '/case', title: m.caseTitle, text: m.caseText },
    { to: '/locker', title: m.lockerTitle, text: m.lockerText },
  ];
  return (
    <Page title={m.title} lead={m.lead}>
      <p className="callout">
        <strong>{m.rightNow}</strong> {m.rightNowSteps}
      </p>
      <h2 className="visually-hidden">{m.choose}</h2>
      <ul className="choices">
        {choices.map((choice) => (
          <li key={choice.to}>
            <Link to={choice.to} className="choice">
              <span className="choice-title">{choice.title}</span>
              <span className="choice-text">{choice.text}</span>
              <ArrowIcon direction="forward" />
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
