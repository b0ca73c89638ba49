-- GoLive Planner schema, version 7: a plan's own tasks, beside its template's.
-- Each has an item row like a template task (status, owner, evidence); this table holds
-- what a template entry would say. A removed own task keeps its row (removed_at set) and its
-- item is retired, so its id is never given again and its evidence and history stay.
CREATE TABLE own_task (
    plan_id    INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    task_id    TEXT NOT NULL,
    gid        TEXT NOT NULL UNIQUE,
    phase      TEXT NOT NULL,
    area       TEXT NOT NULL,
    title      TEXT NOT NULL,
    guidance   TEXT NOT NULL DEFAULT '',
    blocking   INTEGER NOT NULL DEFAULT 0 CHECK (blocking IN (0, 1)),
    due_offset INTEGER,            -- days from the launch day
    due_date   TEXT,               -- a fixed date; neither: the phase deadline
    evidence   TEXT NOT NULL DEFAULT '',
    probes     TEXT NOT NULL DEFAULT '',   -- comma-separated probe checks
    depends_on TEXT NOT NULL DEFAULT '',   -- comma-separated task ids
    created_at TEXT NOT NULL,
    removed_at TEXT,
    PRIMARY KEY (plan_id, task_id),
    CHECK (due_offset IS NULL OR due_date IS NULL)
) STRICT;
