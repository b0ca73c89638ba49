// The template-update commands: what a new version of the plan's checklist would change, and
// taking it.
import { call } from "./core";
import type { TemplateDiffDto } from "./bindings/TemplateDiffDto";

/** What the template .toml at `path` would change for the plan; nothing is written. A broken
    template is refused with kind `invalid-template` (file:line), another template's file with
    `invalid-input`. */
export const templateDiff = (planId: number, path: string) => call<TemplateDiffDto>("template_diff", { planId, path });
/** Moves the plan to the template at `path`; answers what changed. */
export const applyTemplate = (planId: number, path: string) => call<TemplateDiffDto>("apply_template", { planId, path });
