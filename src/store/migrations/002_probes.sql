-- GoLive Planner schema, version 2: probe endpoints, runs and results.
-- Endpoints are JSON without secrets: staging credentials are never written here.

CREATE TABLE probe_endpoints (
    plan_id    INTEGER PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
    config     TEXT NOT NULL,  -- golive::probe::Endpoints as JSON
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE probe_run (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('checks', 'redirects')),
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    cancelled   INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    verdict     TEXT NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail', 'error')),
    created_by  TEXT NOT NULL
) STRICT;

CREATE INDEX probe_run_by_plan ON probe_run (plan_id, id);

CREATE TABLE probe_result (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES probe_run (id) ON DELETE CASCADE,
    check_id    TEXT NOT NULL,
    target      TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail', 'error')),
    finding     TEXT NOT NULL,
    observed    TEXT NOT NULL,  -- JSON object
    started_at  TEXT NOT NULL,
    duration_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX probe_result_by_run ON probe_result (run_id);
