/**
 * The error codes of the console's routes (staff accounts and sessions, consent shares, reports,
 * correlation, the platform area), merged into `errorCodes` (../errors.ts).
 */
export const consoleErrorCodes = {
  // 400
  invalid_credentials_format: {
    status: 400,
    description: 'The name or password is missing or too long.',
  },
  weak_password: {
    status: 400,
    description: 'The new password is too short (at least 12 characters) or too common.',
  },
  invalid_setup_code: {
    status: 400,
    description: 'The setup link is not valid, was already used or has expired.',
  },
  invalid_envelope: {
    status: 400,
    description: "A consent share's envelope is not in the documented form.",
  },
  invalid_identifier: {
    status: 400,
    description: 'The identifier type is unknown or its value cannot be read as that type.',
  },
  invalid_safelist_entry: {
    status: 400,
    description: 'A safelist entry is malformed (rule, reason or label).',
  },
  invalid_id: { status: 400, description: 'An id in the path is not a positive integer.' },

  // 401, 403
  not_signed_in: {
    status: 401,
    description:
      'No staff session, or it expired (idle or absolute limit): sign in again at /console.',
  },
  invalid_credentials: { status: 401, description: 'The name or password is wrong.' },
  totp_required: {
    status: 401,
    description: 'This account uses a one-time code: send the 6 digits of the authenticator app.',
  },
  invalid_totp: { status: 401, description: 'The one-time code is wrong or expired.' },
  forbidden_role: {
    status: 403,
    description: "The staff member's role does not allow this route.",
  },
  csrf_failed: {
    status: 403,
    description:
      "A state-changing staff request came without the session's X-CSRF-Token header, or from another origin.",
  },

  // 404
  staff_not_found: { status: 404, description: 'No staff member has this id.' },
  helpline_not_found: { status: 404, description: 'No helpline has this id.' },
  report_not_found: { status: 404, description: 'This case has no message with this id.' },
  share_not_found: {
    status: 404,
    description: 'No share has this id (for this case, or for this helpline).',
  },
  network_not_found: { status: 404, description: 'No network has this id (any longer).' },
  safelist_entry_not_found: {
    status: 404,
    description: 'No custom safelist entry has this rule.',
  },
  api_key_not_found: { status: 404, description: 'This platform has no API key with this id.' },

  // 409
  staff_exists: { status: 409, description: 'A staff member with this name already exists.' },
  share_revoked: { status: 409, description: 'The victim revoked this share.' },
  share_exists: {
    status: 409,
    description: 'The case is already shared with this helpline (revoke it first to share again).',
  },
  no_helpline_keys: {
    status: 409,
    description: 'Nobody at this helpline has set up a key yet, so nothing can be shared with it.',
  },
  key_grant_required: {
    status: 409,
    description:
      'The assignee cannot read this share yet: send their wrapped copy of the share key (grant).',
  },
  not_linked: {
    status: 409,
    description:
      'The staff account is not linked to what this route needs (a helpline or a platform).',
  },
  api_key_revoked: { status: 409, description: 'This API key was already revoked.' },

  // 429
  account_locked: {
    status: 429,
    description: 'Too many failed sign-ins: the account is locked for a while (Retry-After).',
  },
} as const satisfies Record<string, { status: number; description: string }>;
