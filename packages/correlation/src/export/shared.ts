/**
 * What both exports share: which identifiers of a network leave Aman, and how they are described.
 */
import type { NetworkIdentifier, NetworkSummary } from '../views/summary.ts';

export interface ExportOptions {
  /**
   * Export an identifier only when at least this many victims of the network reported it
   * (default 2). An identifier only one victim mentioned may be their own (their e-mail, their
   * transfer's MTCN): Aman never exports victim data, so by default only what links victims leaves.
   */
  readonly minVictimsPerIdentifier?: number;
  /** The time of the export (default now); also the MISP event's timestamp. */
  readonly now?: Date;
  /** Traffic Light Protocol level of the export (default amber: the recipient's organisation only). */
  readonly tlp?: 'clear' | 'green' | 'amber' | 'red';
  /** Name of the organisation that exports (default "Aman"). */
  readonly producer?: string;
}

/** The identifiers of a network that may be exported: linking, valid, reported by enough victims. */
export function exportableIdentifiers(
  network: NetworkSummary,
  options: ExportOptions,
): NetworkIdentifier[] {
  const minVictims = options.minVictimsPerIdentifier ?? 2;
  return network.identifiers.filter(
    (identifier) => identifier.links && identifier.valid && identifier.victims >= minVictims,
  );
}

/** One paragraph a police officer can read: who, how many, when, how they ask to be paid. */
export function describeNetwork(network: NetworkSummary): string {
  const parts = [
    `Sextortion network ${network.id} as linked by Aman from ${network.reports} report(s) of ${network.victims} victim(s), first seen ${network.firstSeen.slice(0, 10)}, last seen ${network.lastSeen.slice(0, 10)}.`,
  ];
  if (network.families.length > 0) {
    parts.push(
      `Scam families: ${network.families.map((f) => `${f.family} (${f.reports})`).join(', ')}.`,
    );
  }
  if (network.paymentChannels.length > 0) {
    parts.push(
      `Payment channels: ${network.paymentChannels.map((c) => `${c.channel} (${c.reports})`).join(', ')}.`,
    );
  }
  if (network.amounts.length > 0) {
    parts.push(
      `Amounts demanded: ${network.amounts
        .map(
          (a) => `${a.demands} demand(s) in ${a.currency}, ${a.min} to ${a.max}, total ${a.total}`,
        )
        .join('; ')}.`,
    );
  }
  if (network.countries.length > 0) {
    parts.push(
      `Countries of phone numbers and bank accounts: ${network.countries.map((c) => c.country).join(', ')}.`,
    );
  }
  parts.push('Victims are not identified in this export.');
  return parts.join(' ');
}

/** Human name of an identifier kind, for titles. */
export function kindTitle(identifier: NetworkIdentifier): string {
  switch (identifier.kind) {
    case 'phone':
      return 'Phone number';
    case 'email':
      return 'E-mail address';
    case 'iban':
      return 'Bank account (IBAN)';
    case 'bitcoin':
      return 'Bitcoin address';
    case 'litecoin':
      return 'Litecoin address';
    case 'ethereum':
      return 'Ethereum address';
    case 'tron':
      return 'Tron address';
    case 'monero':
      return 'Monero address';
    case 'account':
      return `${platformOf(identifier)} account`;
    case 'url':
      return 'Link';
    case 'mtcn':
      return 'Western Union transfer (MTCN)';
    case 'moneygram':
      return 'MoneyGram transfer reference';
    case 'transfer-reference':
      return 'Money transfer reference';
    case 'receiver':
      return 'Money transfer receiver';
  }
}

/** "facebook" of an account identifier ("facebook/johndoe"). */
export function platformOf(identifier: NetworkIdentifier): string {
  return identifier.value.slice(0, identifier.value.indexOf('/'));
}

/** "johndoe" of an account identifier; Facebook numeric ids come back as "id:123". */
export function accountNameOf(identifier: NetworkIdentifier): string {
  return identifier.value.slice(identifier.value.indexOf('/') + 1);
}

/** A public link to an account's profile, where the platform has one per name. */
export function profileUrl(platform: string, name: string): string | null {
  if (platform === 'facebook') {
    return name.startsWith('id:')
      ? `https://www.facebook.com/profile.php?id=${name.slice(3)}`
      : `https://www.facebook.com/${name}`;
  }
  const bases: Record<string, string> = {
    instagram: 'https://www.instagram.com/',
    snapchat: 'https://www.snapchat.com/add/',
    telegram: 'https://t.me/',
    tiktok: 'https://www.tiktok.com/@',
    twitter: 'https://x.com/',
  };
  const base = bases[platform];
  return base === undefined ? null : `${base}${name}`;
}

/** A receiver's name and city as first written ("Youssef El Amrani", "Oued Zem"). */
export function receiverParts(identifier: NetworkIdentifier): { name: string; city: string } {
  const comma = identifier.display.lastIndexOf(', ');
  if (comma > 0) {
    return { name: identifier.display.slice(0, comma), city: identifier.display.slice(comma + 2) };
  }
  return {
    name: identifier.display,
    city: identifier.value.slice(identifier.value.lastIndexOf('@') + 1),
  };
}
