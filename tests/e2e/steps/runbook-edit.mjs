// End-to-end steps of planning the go-live day in the runbook dialog's "Edit steps" mode: a
// step added with a typed time lands in its place by the clock, its owner changed, then it is
// removed after a confirm, put back by Undo and removed again; each time the app's SQLite file (GOLIVE_DB) is read to see what
// the library stored in `runbook_step`. Axe checks the editor; screenshots of the form and
// the list. Called from desktop.test.mjs after the live-mode steps, with its helpers.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

/** The plan's own runbook steps as the database holds them, removed ones too. */
function storedSteps(plan) {
  const sql = `SELECT r.step_id, r.title, r.at_minutes, r.owner, r.checkpoint, r.removed_at IS NOT NULL
               FROM runbook_step r JOIN plan p ON p.id = r.plan_id WHERE p.name = ? AND r.own = 1 ORDER BY r.step_id`;
  const script = "import json, sqlite3, sys; print(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2], (sys.argv[3],)).fetchall()))";
  const rows = JSON.parse(execFileSync("python3", ["-c", script, process.env.GOLIVE_DB, sql, plan], { encoding: "utf8" }));
  return rows.map(([id, title, minutes, owner, checkpoint, removed]) => ({ id, title, minutes, owner, checkpoint, removed: !!removed }));
}

const order = "return [...document.querySelectorAll(\"[data-testid='runbook-edit-step']\")].map((r) => r.dataset.step)";

export async function runbookEdit(s, { step, shot, accessible, dismissToasts, until, setValue }, plan) {
  step("plan the go-live day: add a step, change its owner, remove it; the database follows");
  await s.click(await s.find("[data-testid='tab-timeline']"));
  await s.click(await s.waitFor("[data-testid='open-runbook']"));
  await s.waitFor("[data-testid='runbook-dialog'] [data-testid='runbook-mode-edit']");
  // E switches the dialog between the live mode and editing the steps.
  await s.press("e");
  await s.waitFor("[data-testid='runbook-editor'] [data-testid='runbook-edit-step']");
  const before = await s.exec(order);
  assert.ok(before.includes("deploy") && before.includes("dns-switch"), `the template's steps to edit: ${before}`);

  await s.click(await s.find("[data-testid='runbook-add']"));
  await s.type(await s.waitFor("[data-testid='runbook-form-title']"), "Brief the call centre on the new shop");
  await s.exec(setValue, [await s.find("[data-testid='runbook-form-offset']"), "soon"]);
  await s.waitFor("[data-testid='runbook-form-when']", { text: (t) => t.includes('Cannot read "soon"') });
  await s.exec(setValue, [await s.find("[data-testid='runbook-form-offset']"), "T-45m"]);
  await s.waitFor("[data-testid='runbook-form-when']", { text: (t) => /^T−45m · \d\d:\d\d on the launch day$/.test(t.trim()) });
  await s.exec(setValue, [await s.find("[data-testid='runbook-form-owner']"), "Support lead"]);
  await s.exec(setValue, [await s.find("[data-testid='runbook-form-checkpoint']"), "Does the call centre have the FAQ for launch day?"]);
  // The same time as a clock time in the plan's zone (WebKit's own Intl does the zone), and
  // a picked clock time read back as an offset.
  const typed = await s.text(await s.find("[data-testid='runbook-form-when']"));
  await s.click(await s.find("[data-testid='runbook-form-clock-mode']"));
  const clock = await s.waitFor("[data-testid='runbook-form-time']");
  const shown = await s.exec("return arguments[0].value", [clock]);
  const [hh, mm] = shown.split(":").map(Number);
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  await s.exec(setValue, [clock, hhmm(hh * 60 + mm + 5)]);
  await s.waitFor("[data-testid='runbook-form-when']", { text: (t) => t.trim().startsWith("T−40m · ") });
  await s.exec(setValue, [clock, shown]);
  await s.waitFor("[data-testid='runbook-form-when']", { text: (t) => t === typed });
  await dismissToasts(s);
  await shot(s, "runbook-edit-form");
  await accessible(s, "the runbook step form");
  await s.click(await s.find("[data-testid='runbook-form-save']"));
  await s.waitFor("[data-testid='runbook-edit-step'][data-step='R-01']");
  const added = storedSteps(plan).find((r) => r.id === "R-01");
  assert.deepEqual(added, {
    id: "R-01", title: "Brief the call centre on the new shop", minutes: -45, owner: "Support lead",
    checkpoint: "Does the call centre have the FAQ for launch day?", removed: false,
  });
  const withIt = await s.exec(order);
  const times = await s.exec("return [...document.querySelectorAll(\"[data-testid='runbook-edit-step']\")].map((r) => r.querySelector('.when strong').textContent)");
  assert.ok(withIt.includes("R-01"), `R-01 in the list: ${withIt}`);
  const minutes = times.map((t) => (t === "T0" ? 0 : (t[1] === "−" ? -1 : 1) * ((+(/(\d+)h/.exec(t)?.[1] ?? 0)) * 60 + +(/(\d+)m/.exec(t)?.[1] ?? 0))));
  assert.deepEqual(minutes, [...minutes].sort((a, b) => a - b), `the steps by time: ${times}`);

  await s.click(await s.find("[data-step='R-01'] [data-testid='runbook-edit']"));
  await s.exec(setValue, [await s.waitFor("[data-step='R-01'] [data-testid='runbook-form-owner']"), "Mira (QA)"]);
  await s.click(await s.find("[data-step='R-01'] [data-testid='runbook-form-save']"));
  await s.waitFor("[data-step='R-01'] [data-testid='runbook-edit-owner']", { text: (t) => t.includes("Mira (QA)") });
  assert.equal(storedSteps(plan).find((r) => r.id === "R-01").owner, "Mira (QA)", "the owner stored");
  await dismissToasts(s);
  await shot(s, "runbook-edit");
  await accessible(s, "the runbook editor");

  // Esc in a step's form leaves the form, not the dialog.
  await s.click(await s.find("[data-step='R-01'] [data-testid='runbook-edit']"));
  await s.waitFor("[data-step='R-01'] [data-testid='runbook-form-title']:focus");
  await s.press("\uE00C");
  await until(s, "return !document.querySelector(\"[data-testid='runbook-form']\") && !!document.querySelector(\"[data-testid='runbook-dialog'][open]\")", "Esc to close the step's form only");

  await s.click(await s.find("[data-step='R-01'] [data-testid='runbook-remove']"));
  await s.waitFor("[data-step='R-01'] [data-testid='runbook-remove-confirm']");
  assert.equal(storedSteps(plan).find((r) => r.id === "R-01").removed, false, "nothing removed before the confirm");
  await s.click(await s.find("[data-step='R-01'] [data-testid='runbook-remove-confirmed']"));
  await until(s, "return !document.querySelector(\"[data-step='R-01']\")", "R-01 to leave the list");
  assert.equal(storedSteps(plan).find((r) => r.id === "R-01").removed, true, "the step removed, its row kept for the history");
  // Undo (in the dialog: a toast's Undo behind a modal could not be reached) puts it back.
  await s.click(await s.waitFor("[data-testid='runbook-last-change'] [data-testid='runbook-undo']"));
  await s.waitFor("[data-step='R-01'] [data-testid='runbook-edit-owner']", { text: (t) => t.includes("Mira (QA)") });
  assert.equal(storedSteps(plan).find((r) => r.id === "R-01").removed, false, "the removal undone");
  await s.click(await s.find("[data-step='R-01'] [data-testid='runbook-remove']"));
  await s.click(await s.waitFor("[data-step='R-01'] [data-testid='runbook-remove-confirmed']"));
  await until(s, "return !document.querySelector(\"[data-step='R-01']\")", "R-01 to leave the list again");
  assert.deepEqual(await s.exec(order), before, "the runbook as it was");

  await s.press("\uE00C");
  await until(s, "return !document.querySelector(\"[data-testid='runbook-dialog']\")", "Esc to close the runbook");
}

/** The editor and a new step's form in the dark theme (axe checks its contrast there too). */
export async function runbookEditInDark(s, { step, shot, accessible, until }) {
  step("the runbook editor in dark: a new step's form with a clock time and the DNS switch taken over");
  await s.click(await s.find("[data-testid='tab-timeline']"));
  await s.click(await s.waitFor("[data-testid='open-runbook']"));
  await s.waitFor("[data-testid='runbook-dialog'] [data-testid='runbook-mode-edit']");
  await s.press("e");
  await s.waitFor("[data-testid='runbook-editor'] [data-testid='runbook-edit-step']");
  await s.press("a");
  const focused = () => s.exec("const a = document.activeElement; return a ? a.outerHTML.slice(0, 160) : 'nothing'");
  const title = await s.waitFor("[data-testid='runbook-form-title']:focus").catch(async (e) => {
    await shot(s, "failure-runbook-dark");
    throw new Error(`${e.message}; focus on ${await focused()}`);
  });
  await s.type(title, "Switch DNS at the registrar");
  await s.click(await s.find("[data-testid='runbook-form-clock-mode']"));
  await s.click(await s.find("[data-testid='runbook-form-dns']"));
  await s.waitFor("[data-testid='runbook-form-dns-takeover']", { text: (t) => t.includes("is the DNS switch now") });
  await shot(s, "runbook-edit-dark");
  await accessible(s, "the runbook editor in dark");
  await s.press("\uE00C");
  await until(s, "return !document.querySelector(\"[data-testid='runbook-form']\")", "Esc to leave the new step's form");
  await s.press("\uE00C");
  await until(s, "return !document.querySelector(\"[data-testid='runbook-dialog']\")", "Esc to close the runbook");
}
