/**
 * The platform area of the console: a platform's API keys (several at once, so a key can be
 * rotated without downtime), its match and feedback statistics, and the banks' thresholds.
 */
import { z } from 'zod';
import { Bank, BankThresholds, SCOPES, apiSchemas } from '../schemas.ts';

const id = z.int().positive();
const isoTime = z.iso.datetime();
const count = z.int().min(0);

export const ApiKeyView = z
  .object({
    id,
    label: z.string(),
    /** The first characters, to recognise a key (aman_AbC…); never the key. */
    prefix: z.string(),
    createdAt: isoTime,
    revokedAt: isoTime.nullable(),
  })
  .register(apiSchemas, { id: 'ApiKeyView' });
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const PlatformStats = z
  .object({
    /** Distinct signals this platform matched, in all and within the last 30 days. */
    signalsMatched: count,
    signalsMatched30d: count,
    /** Its latest decision on each signal, counted per decision. */
    feedback: z.object({ PendingReview: count, Blocked: count, NotBlocked: count }),
    /** Matched signals it has not reported on yet. */
    awaitingFeedback: count,
  })
  .register(apiSchemas, { id: 'PlatformStats' });
export type PlatformStats = z.infer<typeof PlatformStats>;

export const PlatformOverview = z
  .object({
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    createdAt: isoTime,
    keys: z.array(ApiKeyView),
    stats: PlatformStats,
    banks: z.array(Bank),
  })
  .register(apiSchemas, { id: 'PlatformOverview' });
export type PlatformOverview = z.infer<typeof PlatformOverview>;

export const PlatformsResponse = z
  .object({ platforms: z.array(PlatformOverview.omit({ banks: true })) })
  .register(apiSchemas, { id: 'PlatformsResponse' });
export type PlatformsResponse = z.infer<typeof PlatformsResponse>;

export const CreateApiKeyRequest = z
  .strictObject({ label: z.string().trim().min(1).max(80) })
  .register(apiSchemas, { id: 'CreateApiKeyRequest' });
export type CreateApiKeyRequest = z.input<typeof CreateApiKeyRequest>;

export const IssuedApiKey = z.object({ key: ApiKeyView, apiKey: z.string() }).register(apiSchemas, {
  id: 'IssuedApiKey',
  description: 'apiKey is shown this once: only its SHA-256 hash is kept.',
});
export type IssuedApiKey = z.infer<typeof IssuedApiKey>;

export const CreatePlatformRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).optional(),
  })
  .register(apiSchemas, { id: 'CreatePlatformRequest' });
export type CreatePlatformRequest = z.input<typeof CreatePlatformRequest>;

export const ConsoleBanksResponse = z
  .object({ banks: z.array(Bank) })
  .register(apiSchemas, { id: 'ConsoleBanksResponse' });
export type ConsoleBanksResponse = z.infer<typeof ConsoleBanksResponse>;

export const UpdateThresholdsRequest = z
  .strictObject({ thresholds: BankThresholds.partial().strict() })
  .register(apiSchemas, { id: 'UpdateThresholdsRequest' });
export type UpdateThresholdsRequest = z.input<typeof UpdateThresholdsRequest>;
