/**
 * The PostgreSQL schema, one migration per entry, recorded in `schema_migrations`. Never edit a
 * migration that has shipped: add a new one.
 */
import { consolePostgresMigration } from './console-migrations.ts';
import { reportDeletionsPostgresMigration } from './report-deletions.ts';

export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE banks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    purpose text NOT NULL CHECK (purpose IN ('protect', 'lure', 'allow')),
    pdq_threshold integer NOT NULL DEFAULT 31,
    vpdq_threshold integer NOT NULL DEFAULT 31,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  INSERT INTO banks (name, purpose) VALUES ('protect', 'protect'), ('lure', 'lure'), ('allow', 'allow');

  CREATE TABLE cases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number text NOT NULL UNIQUE,
    pin_hash text NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    failed_pin_attempts integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL,
    withdrawn_at timestamptz
  );

  CREATE TABLE signals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bank_id bigint NOT NULL REFERENCES banks (id),
    case_id bigint REFERENCES cases (id),
    type text NOT NULL CHECK (type IN ('pdq', 'vpdq', 'md5', 'sha256')),
    value text NOT NULL,
    quality integer,
    status text NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'withdrawn', 'quarantined', 'rejected')),
    flood_exempt boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    status_changed_at timestamptz
  );
  CREATE INDEX signals_by_case ON signals (case_id) WHERE case_id IS NOT NULL;
  -- md5(value): a vPDQ value can be far larger than a btree entry may be.
  CREATE INDEX signals_by_bank_value ON signals (bank_id, type, md5(value)) WHERE case_id IS NULL;
  CREATE INDEX signals_quarantined ON signals (id) WHERE status = 'quarantined';

  -- Rows are appended under an advisory lock (see postgres-store.ts), so seq order is commit order.
  CREATE TABLE changes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    op text NOT NULL CHECK (op IN ('add', 'withdraw')),
    signal_id bigint NOT NULL REFERENCES signals (id),
    at timestamptz NOT NULL
  );

  CREATE TABLE platforms (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    api_key_sha256 text NOT NULL UNIQUE,
    scopes text NOT NULL,
    created_at timestamptz NOT NULL
  );

  CREATE TABLE feedback (
    platform_id bigint NOT NULL REFERENCES platforms (id),
    signal_id bigint NOT NULL REFERENCES signals (id),
    decision text NOT NULL CHECK (decision IN ('PendingReview', 'Blocked', 'NotBlocked')),
    at timestamptz NOT NULL,
    PRIMARY KEY (platform_id, signal_id)
  );
  CREATE INDEX feedback_by_signal ON feedback (signal_id);

  CREATE TABLE signal_matches (
    signal_id bigint NOT NULL REFERENCES signals (id),
    platform_id bigint NOT NULL REFERENCES platforms (id),
    at timestamptz NOT NULL,
    PRIMARY KEY (signal_id, platform_id)
  );
  `,
  // Security (issue 7): the audit log, the registry of data keys, evidence items. See sqlite/migrations.ts.
  `
  CREATE TABLE audit_log (
    seq bigint PRIMARY KEY,
    at timestamptz NOT NULL,
    actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'platform', 'victim', 'system')),
    actor_id text NOT NULL,
    action text NOT NULL,
    target text,
    details text NOT NULL,
    key_id text NOT NULL,
    mac text NOT NULL
  );
  -- One row, locked by every append (SELECT … FOR UPDATE), so appends are serialized.
  CREATE TABLE audit_head (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    key_id text NOT NULL,
    mac text NOT NULL
  );
  INSERT INTO audit_head (id, seq, key_id, mac) VALUES (1, 0, '', '');

  CREATE TABLE data_keys (
    id text PRIMARY KEY,
    check_value text NOT NULL,
    created_at timestamptz NOT NULL
  );

  CREATE TABLE evidence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id text NOT NULL UNIQUE,
    case_id bigint NOT NULL REFERENCES cases (id),
    size integer NOT NULL,
    sealed bytea NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX evidence_by_case ON evidence (case_id, id);
  `,
  // The console (issue 6): staff, sessions, helplines, reports, shares, notes, safelist, API keys.
  consolePostgresMigration,
  // Victims take messages back: the feed of deleted report ids.
  reportDeletionsPostgresMigration,
];
