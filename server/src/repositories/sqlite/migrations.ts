/**
 * The SQLite schema, one migration per entry; `PRAGMA user_version` records how many have run.
 * Never edit a migration that has shipped: add a new one.
 *
 * Times are integer milliseconds since the epoch. Tables are STRICT: a value of the wrong type is
 * an error, not a silent conversion.
 */
import { consoleSqliteMigration } from './console-migrations.ts';
import { reportDeletionsSqliteMigration } from './report-deletions.ts';

export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE banks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('protect', 'lure', 'allow')),
    pdq_threshold INTEGER NOT NULL DEFAULT 31,
    vpdq_threshold INTEGER NOT NULL DEFAULT 31,
    created_at INTEGER NOT NULL
  ) STRICT;
  INSERT INTO banks (name, purpose, created_at) VALUES
    ('protect', 'protect', 0), ('lure', 'lure', 0), ('allow', 'allow', 0);

  CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    case_number TEXT NOT NULL UNIQUE,
    pin_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    failed_pin_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    created_at INTEGER NOT NULL,
    withdrawn_at INTEGER
  ) STRICT;

  CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    bank_id INTEGER NOT NULL REFERENCES banks (id),
    case_id INTEGER REFERENCES cases (id),
    type TEXT NOT NULL CHECK (type IN ('pdq', 'vpdq', 'md5', 'sha256')),
    value TEXT NOT NULL,
    quality INTEGER,
    status TEXT NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'withdrawn', 'quarantined', 'rejected')),
    flood_exempt INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    status_changed_at INTEGER
  ) STRICT;
  CREATE INDEX signals_by_case ON signals (case_id) WHERE case_id IS NOT NULL;
  CREATE INDEX signals_by_bank_value ON signals (bank_id, type, value) WHERE case_id IS NULL;
  CREATE INDEX signals_quarantined ON signals (id) WHERE status = 'quarantined';

  -- AUTOINCREMENT: a seq is never reused, even after the last row is deleted.
  CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op TEXT NOT NULL CHECK (op IN ('add', 'withdraw')),
    signal_id INTEGER NOT NULL REFERENCES signals (id),
    at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE platforms (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    api_key_sha256 TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE feedback (
    platform_id INTEGER NOT NULL REFERENCES platforms (id),
    signal_id INTEGER NOT NULL REFERENCES signals (id),
    decision TEXT NOT NULL CHECK (decision IN ('PendingReview', 'Blocked', 'NotBlocked')),
    at INTEGER NOT NULL,
    PRIMARY KEY (platform_id, signal_id)
  ) STRICT;
  CREATE INDEX feedback_by_signal ON feedback (signal_id);

  -- Flood control: the last time each platform matched each signal.
  CREATE TABLE signal_matches (
    signal_id INTEGER NOT NULL REFERENCES signals (id),
    platform_id INTEGER NOT NULL REFERENCES platforms (id),
    at INTEGER NOT NULL,
    PRIMARY KEY (signal_id, platform_id)
  ) STRICT;
  `,
  // Security (issue 7): the audit log, the registry of data keys, evidence items.
  `
  -- The audit log: one row per action, each sealed with an HMAC over the previous row's MAC
  -- (security/audit-trail.ts). seq is assigned by the writer (last + 1), never by AUTOINCREMENT,
  -- so the chain has no gaps unless a row was deleted.
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'platform', 'victim', 'system')),
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
  ) STRICT;
  -- The last seq and a MAC over it: deleting the newest rows cannot go unnoticed.
  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
  ) STRICT;
  INSERT INTO audit_head (id, seq, key_id, mac) VALUES (1, 0, '', '');

  -- The ids of the data keys that encrypted something here, with a check value (never the key):
  -- a server started with other keys refuses to start instead of writing what others cannot read.
  CREATE TABLE data_keys (
    id TEXT PRIMARY KEY,
    check_value TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  -- Evidence: items sealed in the victim's browser, sealed again with a data key (sealed).
  CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    size INTEGER NOT NULL,
    sealed BLOB NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX evidence_by_case ON evidence (case_id, id);
  `,
  // The console (issue 6): staff, sessions, helplines, reports, shares, notes, safelist, API keys.
  consoleSqliteMigration,
  // Victims take messages back: the feed of deleted report ids.
  reportDeletionsSqliteMigration,
];
