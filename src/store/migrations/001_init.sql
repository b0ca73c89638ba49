-- GoLive Planner schema, version 1: plans, their items, evidence, and the event log.
-- Dates are ISO 8601 text: local dates 'YYYY-MM-DD', instants RFC 3339 in UTC.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Template text a plan was made from, kept whole so a plan never depends on a file that
-- may change or vanish. Content-addressed: the same text is stored once.
CREATE TABLE template (
    sha256      TEXT PRIMARY KEY,
    template_id TEXT NOT NULL,
    version     TEXT NOT NULL,
    name        TEXT NOT NULL,
    source_url  TEXT NOT NULL,
    body        TEXT NOT NULL
) STRICT;

CREATE TABLE plan (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL COLLATE NOCASE UNIQUE,
    client          TEXT,
    launch_local    TEXT NOT NULL,            -- 'YYYY-MM-DD HH:MM' wall time in zone
    zone            TEXT NOT NULL,            -- IANA zone name
    pentest         TEXT,                     -- NULL: the default date
    working_days    TEXT NOT NULL,            -- 'Mon,Tue,Wed,Thu,Fri'
    holidays        TEXT NOT NULL DEFAULT '', -- comma-separated dates
    planned_on      TEXT NOT NULL,            -- day the current launch date was set
    template_sha256 TEXT NOT NULL REFERENCES template (sha256),
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE item (
    plan_id       INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    task_id       TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'todo'
                  CHECK (status IN ('todo', 'in-progress', 'done', 'blocked', 'n/a')),
    owner         TEXT,
    pinned_due    TEXT,
    waiver_reason TEXT,
    waiver_until  TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (plan_id, task_id),
    CHECK ((waiver_reason IS NULL) = (waiver_until IS NULL))
) STRICT, WITHOUT ROWID;

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL,
    task_id    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('note', 'link', 'file', 'probe')),
    body       TEXT NOT NULL,  -- note text, URL, original file name, or probe finding
    title      TEXT,           -- link title, or probe check id
    sha256     TEXT,           -- file content address
    size       INTEGER,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    FOREIGN KEY (plan_id, task_id) REFERENCES item (plan_id, task_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX evidence_by_task ON evidence (plan_id, task_id);

-- Who changed what, when. Append-only: rows outlive the plans they describe, so a deleted
-- plan's history can still be read, and no trigger-free path can rewrite it.
CREATE TABLE event (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL,
    task_id TEXT,
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    action  TEXT NOT NULL,
    field   TEXT,
    old     TEXT,
    new     TEXT
) STRICT;

CREATE INDEX event_by_plan ON event (plan_id, task_id, id);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
