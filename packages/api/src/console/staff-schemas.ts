/**
 * Staff accounts and their sessions: who works in the console (admin, helpline, investigator,
 * platform), how they sign in (password, optional one-time code), and the key pair a helpline
 * member needs to read what victims share (generated in their browser; the server keeps the public
 * key and the private key wrapped with a key derived from their password, never the password).
 */
import { z } from 'zod';
import { apiSchemas } from '../schemas.ts';

export const STAFF_ROLES = ['admin', 'helpline', 'investigator', 'platform'] as const;
/**
 * admin: staff accounts, platforms, bank thresholds, the safelist. helpline: cases victims shared
 * with their helpline. investigator: networks, graph, trends, hubs, safelist, exports. platform:
 * their platform's API keys and statistics.
 */
export type StaffRole = (typeof STAFF_ROLES)[number];

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_STAFF_NAME = 80;

const base64url = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${what} is base64url text` })
    .min(min, { error: `${what} is at least ${min} characters` })
    .max(max, { error: `${what} is at most ${max} characters` });

/** An ECDH P-256 public key as a JWK (the members a browser's exportKey('jwk') gives, no others). */
export const PublicKeyJwk = z
  .strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: base64url('x', 43, 43),
    y: base64url('y', 43, 43),
  })
  .register(apiSchemas, {
    id: 'PublicKeyJwk',
    description: 'An ECDH P-256 public key (JWK, RFC 7518 §6.2.1): kty, crv, x, y.',
  });
export type PublicKeyJwk = z.infer<typeof PublicKeyJwk>;

/** argon2id parameters of a password-derived key; bounded so a forged blob cannot exhaust a browser. */
export const Argon2Params = z.strictObject({
  alg: z.literal('argon2id'),
  salt: base64url('salt', 22, 64),
  memoryKiB: z.int().min(19_456).max(262_144),
  iterations: z.int().min(1).max(10),
  parallelism: z.int().min(1).max(4),
});
export type Argon2Params = z.infer<typeof Argon2Params>;

/** A private key sealed in the browser: AES-256-GCM under argon2id(password), PKCS #8 inside. */
export const WrappedPrivateKey = z
  .strictObject({
    v: z.literal(1),
    kdf: Argon2Params,
    iv: base64url('iv', 16, 16),
    ciphertext: base64url('ciphertext', 64, 1024),
  })
  .register(apiSchemas, {
    id: 'WrappedPrivateKey',
    description:
      "A helpline member's private key, sealed in their browser: AES-256-GCM with a key derived from their password by argon2id (kdf). The server cannot open it.",
  });
export type WrappedPrivateKey = z.infer<typeof WrappedPrivateKey>;

export const StaffKeyPair = z
  .strictObject({ publicKey: PublicKeyJwk, wrappedPrivateKey: WrappedPrivateKey })
  .register(apiSchemas, { id: 'StaffKeyPair' });
export type StaffKeyPair = z.infer<typeof StaffKeyPair>;

const staffName = z
  .string({ error: 'name is the staff member’s sign-in name' })
  .trim()
  .min(1, { error: 'name is the staff member’s sign-in name' })
  .max(MAX_STAFF_NAME, { error: `a name is at most ${MAX_STAFF_NAME} characters` })
  .refine((name) => !/\p{Cc}/u.test(name), { error: 'a name has no control characters' });
const password = z
  .string({ error: 'password is required' })
  .min(1, { error: 'password is required' })
  .max(MAX_PASSWORD_LENGTH, { error: `a password is at most ${MAX_PASSWORD_LENGTH} characters` });
const newPassword = z
  .string({ error: 'password is required' })
  .max(MAX_PASSWORD_LENGTH, { error: `a password is at most ${MAX_PASSWORD_LENGTH} characters` });
const totpCode = z.string().regex(/^\d{6}$/, { error: 'a one-time code is 6 digits' });
const isoTime = z.iso.datetime();
const id = z.int().positive();

export const StaffView = z
  .object({
    id,
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    helpline: z.object({ id, name: z.string() }).nullable(),
    platform: z.string().nullable(),
    totp: z.boolean(),
    /** False until the account's setup link was used. */
    active: z.boolean(),
    disabled: z.boolean(),
    createdAt: isoTime,
  })
  .register(apiSchemas, {
    id: 'StaffView',
    description: 'A staff account, as its owner and the admins see it (never a secret).',
  });
export type StaffView = z.infer<typeof StaffView>;

export const LoginRequest = z
  .strictObject({ name: staffName, password, totp: totpCode.optional() })
  .register(apiSchemas, { id: 'LoginRequest' });
export type LoginRequest = z.input<typeof LoginRequest>;

export const SessionResponse = z
  .object({
    staff: StaffView,
    /** Send it back as X-CSRF-Token on every POST and PATCH of this session. */
    csrfToken: z.string(),
    /** ISO time when the session ends whatever happens (absolute limit). */
    expiresAt: isoTime,
    /** The account's key pair (helpline members), to open shared cases in the browser. */
    keyPair: StaffKeyPair.nullable(),
  })
  .register(apiSchemas, {
    id: 'SessionResponse',
    description:
      'The session cookie (HttpOnly, SameSite=Strict, Secure behind TLS) comes with this answer.',
  });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const SetupRequest = z
  .strictObject({
    code: z.string().min(1).max(100),
    password: newPassword,
    keyPair: StaffKeyPair.optional(),
  })
  .register(apiSchemas, {
    id: 'SetupRequest',
    description:
      'Uses a one-time setup link: sets the password and, for helpline members, the key pair made in the browser.',
  });
export type SetupRequest = z.input<typeof SetupRequest>;

export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: password,
    newPassword,
    /** The private key re-sealed under the new password (helpline members). */
    wrappedPrivateKey: WrappedPrivateKey.optional(),
  })
  .register(apiSchemas, { id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequest>;

export const TotpEnrolment = z
  .object({ secret: z.string(), uri: z.string() })
  .register(apiSchemas, {
    id: 'TotpEnrolment',
    description:
      'A new TOTP secret (base32) and its otpauth:// URI for an authenticator app; it takes effect once confirmed with a code.',
  });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpCodeRequest = z
  .strictObject({ code: totpCode })
  .register(apiSchemas, { id: 'TotpCodeRequest' });
export type TotpCodeRequest = z.input<typeof TotpCodeRequest>;

export const TotpStatus = z
  .object({ totp: z.boolean() })
  .register(apiSchemas, { id: 'TotpStatus' });
export type TotpStatus = z.infer<typeof TotpStatus>;

export const OkResponse = z
  .object({ ok: z.literal(true) })
  .register(apiSchemas, { id: 'OkResponse' });
export type OkResponse = z.infer<typeof OkResponse>;

export const StaffListResponse = z
  .object({ staff: z.array(StaffView) })
  .register(apiSchemas, { id: 'StaffListResponse' });
export type StaffListResponse = z.infer<typeof StaffListResponse>;

export const CreateStaffRequest = z
  .strictObject({
    name: staffName,
    role: z.enum(STAFF_ROLES, { error: `role is one of ${STAFF_ROLES.join(', ')}` }),
    /** Helpline members: the helpline's name (created when new). */
    helpline: z.string().trim().min(1).max(MAX_STAFF_NAME).optional(),
    /** Platform staff: the platform's name (it must exist). */
    platform: z.string().trim().min(1).max(100).optional(),
  })
  .register(apiSchemas, { id: 'CreateStaffRequest' });
export type CreateStaffRequest = z.input<typeof CreateStaffRequest>;

export const SetupLinkResponse = z
  .object({
    staff: StaffView,
    /** One-time code; the link is /console/setup#<code>. Valid 72 hours. */
    setupCode: z.string(),
    setupPath: z.string(),
    expiresAt: isoTime,
  })
  .register(apiSchemas, {
    id: 'SetupLinkResponse',
    description:
      'Shown once: the server keeps only a SHA-256 hash of the code. The code travels in the URL fragment, which browsers never send to a server.',
  });
export type SetupLinkResponse = z.infer<typeof SetupLinkResponse>;

export const HelplineDirectory = z
  .object({
    helplines: z.array(
      z.object({
        id,
        name: z.string(),
        /** Members who can read a share: the victim's browser encrypts the share key for each. */
        recipients: z.array(z.object({ staffId: id, publicKey: PublicKeyJwk })),
      }),
    ),
  })
  .register(apiSchemas, {
    id: 'HelplineDirectory',
    description:
      'The helplines a victim can share a case with, and the public keys the browser encrypts for.',
  });
export type HelplineDirectory = z.infer<typeof HelplineDirectory>;
