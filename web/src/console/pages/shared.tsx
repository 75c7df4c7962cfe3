import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';

export function Failed({ message }: { message: string }) {
  const m = useMessages(consoleMessages);
  return (
    <p role="alert" className="callout callout-error">
      {m.failed(message)}
    </p>
  );
}

/** Saves a JSON document as a file (exports). */
export function saveJson(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
