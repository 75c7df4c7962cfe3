/**
 * Reads a chat the person exported (WhatsApp's "Export chat" .txt, Telegram's result.json, any
 * plain text or e-mail file) into text for triage, on this device.
 */

/** Larger than any real conversation export without media; guards the tab's memory. */
export const MAX_CHAT_FILE_BYTES = 5 * 1024 * 1024;

export type ChatFileError = 'too-large' | 'unsupported' | 'unreadable';
export type ChatFileResult = { ok: true; text: string } | { ok: false; error: ChatFileError };

const TEXT_EXTENSIONS = /\.(txt|text|eml|csv|log|md|html?)$/i;

/**
 * @example
 * const result = await readChatFile(file);
 * if (result.ok) textarea.value = result.text;
 */
export async function readChatFile(file: Blob & { name?: string }): Promise<ChatFileResult> {
  if (file.size > MAX_CHAT_FILE_BYTES) return { ok: false, error: 'too-large' };
  const name = file.name ?? '';
  const isJson = /\.json$/i.test(name) || file.type === 'application/json';
  const isText = file.type.startsWith('text/') || TEXT_EXTENSIONS.test(name);
  if (!isJson && !isText) return { ok: false, error: 'unsupported' };
  let content: string;
  try {
    content = await file.text();
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  if (!isJson) return { ok: true, text: stripHtml(name, content) };
  try {
    return { ok: true, text: telegramText(JSON.parse(content) as unknown) };
  } catch {
    return { ok: false, error: 'unreadable' };
  }
}

function stripHtml(name: string, content: string): string {
  if (!/\.html?$/i.test(name)) return content;
  // Telegram's HTML export and saved e-mails: the words, without the markup.
  const doc = new DOMParser().parseFromString(content, 'text/html');
  return doc.body.textContent ?? '';
}

/** Telegram Desktop's JSON export: `{messages: [{text: string | (string | {text})[]}]}`. */
export function telegramText(data: unknown): string {
  const messages = (data as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) throw new TypeError('not a Telegram export');
  const lines: string[] = [];
  for (const message of messages) {
    const text = (message as { text?: unknown } | null)?.text;
    if (typeof text === 'string') {
      if (text !== '') lines.push(text);
    } else if (Array.isArray(text)) {
      lines.push(
        text
          .map((part) => {
            if (typeof part === 'string') return part;
            const inner = (part as { text?: unknown } | null)?.text;
            return typeof inner === 'string' ? inner : '';
          })
          .join(''),
      );
    }
  }
  return lines.join('\n');
}
