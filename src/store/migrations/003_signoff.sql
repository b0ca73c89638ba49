-- Stakeholders who sign off a plan's go-live, and each one's decision.
CREATE TABLE stakeholder (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    email      TEXT,
    decision   TEXT CHECK (decision IN ('go', 'go-with-conditions', 'no-go')),
    conditions TEXT,
    decided_on TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, name)
);
