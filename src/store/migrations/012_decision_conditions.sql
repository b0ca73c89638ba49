-- GoLive Planner schema: the conditions of a "go with conditions" decision. Each condition
-- is an own task of the plan (own_task, with its owner on the item); this table says which
-- decision asked for which task, in the order the stakeholder gave them. The decision's
-- `conditions` text stays what was said.
CREATE TABLE decision_condition (
    decision_id INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    task_id     TEXT NOT NULL,
    PRIMARY KEY (decision_id, position)
) STRICT;
