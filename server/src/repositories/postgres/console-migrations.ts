/**
 * The console's tables (PostgreSQL), one entry of `postgresMigrations`; the same tables as
 * sqlite/console-migrations.ts.
 */
export const consolePostgresMigration = `
  CREATE TABLE helplines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
  );

  CREATE TABLE staff (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    name_key text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('admin', 'helpline', 'investigator', 'platform')),
    helpline_id bigint REFERENCES helplines (id),
    platform_id bigint REFERENCES platforms (id),
    password_hash text,
    totp_secret text,
    totp_pending text,
    totp_enabled boolean NOT NULL DEFAULT false,
    totp_last_step bigint NOT NULL DEFAULT 0,
    public_key text,
    wrapped_private_key text,
    setup_code_sha256 text UNIQUE,
    setup_expires_at timestamptz,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL,
    disabled_at timestamptz
  );

  CREATE TABLE staff_sessions (
    token_sha256 text PRIMARY KEY,
    staff_id bigint NOT NULL REFERENCES staff (id),
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

  -- Appended under an advisory lock (console-postgres-store.ts), so id order is commit order.
  CREATE TABLE reports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    received_at timestamptz NOT NULL,
    verdict text NOT NULL,
    family text,
    body text NOT NULL,
    synthetic boolean NOT NULL DEFAULT false
  );
  CREATE INDEX reports_by_case ON reports (case_id);

  CREATE TABLE shares (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    helpline_id bigint NOT NULL REFERENCES helplines (id),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    envelope text,
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'closed')),
    assignee_id bigint REFERENCES staff (id),
    updated_at timestamptz NOT NULL
  );
  CREATE UNIQUE INDEX shares_live ON shares (case_id, helpline_id) WHERE revoked_at IS NULL;
  CREATE INDEX shares_by_helpline ON shares (helpline_id) WHERE revoked_at IS NULL;

  CREATE TABLE share_keys (
    share_id bigint NOT NULL REFERENCES shares (id),
    staff_id bigint NOT NULL REFERENCES staff (id),
    wrapped_key text NOT NULL,
    PRIMARY KEY (share_id, staff_id)
  );

  CREATE TABLE share_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    share_id bigint NOT NULL REFERENCES shares (id),
    author_id bigint NOT NULL REFERENCES staff (id),
    body text NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX share_notes_by_share ON share_notes (share_id);

  CREATE TABLE safelist_entries (
    rule_key text PRIMARY KEY,
    entry text NOT NULL,
    added_by text,
    created_at timestamptz NOT NULL
  );

  CREATE TABLE platform_api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform_id bigint NOT NULL REFERENCES platforms (id),
    key_sha256 text NOT NULL UNIQUE,
    prefix text NOT NULL,
    label text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
  );
  CREATE INDEX platform_api_keys_by_platform ON platform_api_keys (platform_id);
  INSERT INTO platform_api_keys (platform_id, key_sha256, prefix, label, created_at)
    SELECT id, api_key_sha256, 'aman_', 'first key', created_at FROM platforms;
`;
