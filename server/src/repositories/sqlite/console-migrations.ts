/**
 * The console's tables (SQLite), one entry of `sqliteMigrations`: helplines, staff and their
 * sessions, reports, consent shares with their keys and notes, staff safelist entries, and API
 * keys (several per platform, so that a key can be rotated; existing keys move over).
 */
export const consoleSqliteMigration = `
  CREATE TABLE helplines (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'helpline', 'investigator', 'platform')),
    helpline_id INTEGER REFERENCES helplines (id),
    platform_id INTEGER REFERENCES platforms (id),
    password_hash TEXT,
    totp_secret TEXT,
    totp_pending TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    public_key TEXT,
    wrapped_private_key TEXT,
    setup_code_sha256 TEXT UNIQUE,
    setup_expires_at INTEGER,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
  ) STRICT;

  CREATE TABLE staff_sessions (
    token_sha256 TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

  CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    received_at INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    family TEXT,
    body TEXT NOT NULL,
    synthetic INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX reports_by_case ON reports (case_id);

  CREATE TABLE shares (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    helpline_id INTEGER NOT NULL REFERENCES helplines (id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    envelope TEXT,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'closed')),
    assignee_id INTEGER REFERENCES staff (id),
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX shares_live ON shares (case_id, helpline_id) WHERE revoked_at IS NULL;
  CREATE INDEX shares_by_helpline ON shares (helpline_id) WHERE revoked_at IS NULL;

  CREATE TABLE share_keys (
    share_id INTEGER NOT NULL REFERENCES shares (id),
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    wrapped_key TEXT NOT NULL,
    PRIMARY KEY (share_id, staff_id)
  ) STRICT;

  CREATE TABLE share_notes (
    id INTEGER PRIMARY KEY,
    share_id INTEGER NOT NULL REFERENCES shares (id),
    author_id INTEGER NOT NULL REFERENCES staff (id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX share_notes_by_share ON share_notes (share_id);

  CREATE TABLE safelist_entries (
    rule_key TEXT PRIMARY KEY,
    entry TEXT NOT NULL,
    added_by TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE platform_api_keys (
    id INTEGER PRIMARY KEY,
    platform_id INTEGER NOT NULL REFERENCES platforms (id),
    key_sha256 TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX platform_api_keys_by_platform ON platform_api_keys (platform_id);
  INSERT INTO platform_api_keys (platform_id, key_sha256, prefix, label, created_at)
    SELECT id, api_key_sha256, 'aman_', 'first key', created_at FROM platforms;
`;
