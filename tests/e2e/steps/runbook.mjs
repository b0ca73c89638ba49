// End-to-end steps of the go-live day's live mode (issue 12): opened from the timeline, the
// countdown and the steps by the clock, a check-off recorded by the library with its time and
// taken back, axe in the dialog, Esc closes it. Called from desktop.test.mjs with its helpers.
import assert from "node:assert/strict";

/** The runbook dialog of the open plan; `t` holds the main test's helpers. */
export async function runbookLive(s, t) {
  t.step("the go-live day: countdown, steps by the clock, a check-off with its time, Undo");
  await s.click(await s.find("[data-testid='tab-timeline']"));
  await s.click(await s.waitFor("[data-testid='open-runbook']"));
  await s.waitFor("[data-testid='runbook-dialog'] [data-testid='runbook-step']");
  const countdown = await s.exec("return document.querySelector(\"[data-testid='runbook-countdown']\").textContent");
  assert.match(countdown, /^Launch in \d+ d/, `the countdown: ${countdown}`);
  const steps = await s.exec("return [...document.querySelectorAll(\"[data-testid='runbook-step']\")].map((r) => r.dataset.step)");
  assert.ok(steps.length >= 5, `the template's go-live steps: ${steps}`);
  const first = steps[0];
  await s.click(await s.find(`[data-step='${first}'] [data-testid='runbook-check']`));
  await s.waitFor(`[data-step='${first}'][data-state='done'] [data-testid='runbook-checked']`, { text: (x) => /^Checked off at \d\d:\d\d/.test(x) });
  await t.dismissToasts(s);
  await t.shot(s, "runbook");
  await t.accessible(s, "the go-live day's runbook");
  await s.click(await s.find(`[data-step='${first}'] [data-testid='runbook-check']`));
  await t.until(s, `return !document.querySelector("[data-step='${first}'] [data-testid='runbook-checked']")`, "the check-off taken back");
  await s.press("\uE00C");
  await t.until(s, "return !document.querySelector(\"[data-testid='runbook-dialog']\")", "Esc to close the runbook");
}
