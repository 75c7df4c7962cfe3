import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The name of a network: derived from the id of its oldest report, so it survives the arrival of
 * new reports and restarts (reports are replayed in the same order), and reveals nothing about the
 * report. When two networks merge, the merged one keeps the older network's name.
 *
 * @example
 * networkIdFor('report-0001'); // 'net-5d1b2a…' (12 hex digits)
 */
export function networkIdFor(anchorReportId: string): string {
  return `net-${bytesToHex(sha256(utf8ToBytes(`aman-network:${anchorReportId}`))).slice(0, 12)}`;
}
