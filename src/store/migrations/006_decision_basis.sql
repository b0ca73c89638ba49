-- GoLive Planner schema, version 6: each decision keeps the state of the plan it was made on
-- (golive::plan::PlanState as JSON), so a later report can say what changed since. NULL for
-- decisions recorded before this version: their basis is unknown.
ALTER TABLE decision ADD COLUMN basis TEXT;
