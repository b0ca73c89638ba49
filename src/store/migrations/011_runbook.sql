-- GoLive Planner schema: the go-live day's runbook of a plan. A row is either a step of the
-- plan's own (own = 1, with its title and time) or what the plan changed about a template
-- step (its time, owner, checkpoint; NULL keeps the template's). Checking a step off records
-- the exact time and who; a removed step keeps its row so its history stays readable.
CREATE TABLE runbook_step (
    plan_id    INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    step_id    TEXT NOT NULL,
    gid        TEXT NOT NULL UNIQUE,
    own        INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),
    title      TEXT,
    task_id    TEXT,
    at_minutes INTEGER,                 -- minutes from the launch moment
    owner      TEXT,
    checkpoint TEXT,                    -- the go/no-go question; '' clears the template's
    dns_switch INTEGER CHECK (dns_switch IN (0, 1)),
    checked_at TEXT,                    -- RFC 3339, UTC
    checked_by TEXT,
    removed_at TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, step_id),
    CHECK (own = 0 OR (title IS NOT NULL AND at_minutes IS NOT NULL))
) STRICT;
