import { useEffect, useRef, type ReactNode } from 'react';
import { useRouter } from '../app/router.tsx';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { shellMessages } from '../shell/messages.ts';

/**
 * Every screen's frame: sets the document title and, when the screen was reached by navigating
 * (not on first load), moves focus to its heading so keyboard and screen-reader users start there.
 */
export function Page({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { visit } = useRouter();
  const shell = useMessages(shellMessages);
  useEffect(() => {
    document.title = `${title} · ${shell.appName}`;
  }, [title, shell.appName]);
  useEffect(() => {
    if (visit > 0) heading.current?.focus();
  }, [visit]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead !== undefined && <p className="lead">{lead}</p>}
      {children}
    </>
  );
}
