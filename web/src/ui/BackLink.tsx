import { Link, type AppPath } from '../app/router.tsx';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { shellMessages } from '../shell/messages.ts';
import { ArrowIcon } from './icons.tsx';

export function BackLink({ to = '/' }: { to?: AppPath }) {
  const m = useMessages(shellMessages);
  return (
    <Link to={to} className="back-link">
      <ArrowIcon direction="back" />
      {to === '/' ? m.home : m.back}
    </Link>
  );
}
