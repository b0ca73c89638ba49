// The sign-off in the real window: a Go with conditions with one condition (what, owner from
// the suggestions, due), its X-task in the drawer and the checklist with its owner, and its
// decision_condition row in the app's database (GOLIVE_DB); then a report exported through
// the native save dialog and a decision made on it through the native open dialog — both
// answered with xdotool as a user types a path into GTK's file chooser — after a file that is
// no report was refused beside the file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setValueScript, sleep } from "../webdriver.mjs";

const setValue = setValueScript();

/** The first row `sql` finds in the app's database, its columns as an array. */
function dbRow(sql, ...params) {
  const script = "import json, sqlite3, sys; print(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2], sys.argv[3:]).fetchone()))";
  return JSON.parse(execFileSync("python3", ["-c", script, process.env.GOLIVE_DB, sql, ...params], { encoding: "utf8" }));
}

/** Answers the native file dialog titled `title` with `path`: focuses it, opens its location
    field (Ctrl+L; in a save dialog the name field takes a whole path too) and types. */
async function answerFileDialog(title, path, { save = false } = {}) {
  let id = "";
  for (let i = 0; !id; i++) {
    try {
      id = execFileSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      assert.ok(i < 100, `no native dialog titled "${title}" opened`);
      await sleep(100);
    }
  }
  await sleep(700); // GTK fills the dialog (folders, the default name) after mapping it
  execFileSync("xdotool", ["windowfocus", id]);
  await sleep(200);
  execFileSync("xdotool", ["key", "--clearmodifiers", save ? "ctrl+a" : "ctrl+l"]);
  await sleep(200);
  execFileSync("xdotool", ["type", "--delay", "20", path]);
  await sleep(200);
  execFileSync("xdotool", ["key", "Return"]);
}

/** Waits for the element at `css` whose words (textContent: WebKit's WebDriver leaves out the
    words of a one-line, ellipsised span) pass `test`; answers the element. */
async function waitWords(s, css, test, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last = "";
  for (;;) {
    const el = await s.find(css).catch(() => null);
    if (el) {
      last = await s.exec("return arguments[0].textContent.replace(/\\s+/g, ' ').trim()", [el]);
      if (test(last)) return el;
    }
    assert.ok(Date.now() < end, `timed out waiting for ${css} (last: ${last.slice(0, 200)})`);
    await sleep(100);
  }
}

export async function signOff(s, { step, shot, accessible, dismissToasts }) {
  step("sign-off: a Go with conditions, its condition an owned task in the checklist and the database");
  await s.click(await s.find("[data-testid='tab-report']"));
  const marta = "[data-testid='stakeholder']:first-child";
  await s.click(await s.waitFor(`${marta} [data-testid='change-decision']`));
  await s.click(await s.waitFor(`${marta} [data-decision='go-with-conditions']`));
  const what = await s.waitFor(`${marta} [data-testid='condition-text']`);
  // Recording without the condition's words names what is missing at its fields.
  await s.click(await s.find(`${marta} [data-testid='record-decision']`));
  await s.waitFor(`${marta} [data-testid='conditions'] .error-text`, { text: (t) => t === "Say what must be true." });
  await shot(s, "signoff-gaps");
  await s.exec(setValue, [what, "HSTS live on the storefront"]);
  await s.exec(setValue, [await s.find(`${marta} [data-testid='condition-owner']`), "Ana Lopez"]);
  await s.exec(setValue, [await s.find(`${marta} [data-testid='decision-note']`), "Go once the header is seen live on www and checkout."]);
  assert.equal(await s.exec(`return document.querySelector("${marta} [data-testid='condition-owner']").getAttribute("list")`), "owners-list", "the owner field offers the plan's names");
  await dismissToasts(s);
  await shot(s, "signoff-conditions");
  await accessible(s, "the sign-off form with a condition");
  await s.click(await s.find(`${marta} [data-testid='record-decision']`));
  const line = await waitWords(s, `${marta} [data-testid='condition-task']`, (t) => t.includes("HSTS live on the storefront — Ana Lopez · due"));
  const taskId = await s.exec("return arguments[0].querySelector(\"[data-testid='condition-task-id']\").textContent", [line]);
  assert.match(taskId, /^X-\d\d$/, `the condition became an own task: ${taskId}`);
  await s.waitFor(`${marta} [data-testid='decision']`, { text: (t) => t.includes("Go with conditions") });
  await dismissToasts(s);
  await shot(s, "signoff-recorded");
  await accessible(s, "the sign-off list with a condition task");

  const stored = dbRow(
    `SELECT dc.task_id, i.owner, d.decision FROM decision_condition dc
       JOIN decision d ON d.id = dc.decision_id
       JOIN stakeholder s ON s.id = d.stakeholder_id
       JOIN item i ON i.plan_id = s.plan_id AND i.task_id = dc.task_id
      WHERE s.name = ? ORDER BY d.id DESC LIMIT 1`,
    "Marta Nowak",
  );
  assert.deepEqual(stored, [taskId, "Ana Lopez", "go-with-conditions"], "the database holds the decision's condition task and its owner");

  // Its id opens the task in the drawer; the checklist lists it with its owner.
  await s.click(await s.find(`${marta} [data-testid='condition-task-id']`));
  await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes(taskId) && t.includes("HSTS live on the storefront") });
  await s.exec("document.querySelector(\"[data-testid='task-drawer'] button[aria-label='Close task']\")?.click()");
  await s.click(await s.find("[data-testid='tab-checklist']"));
  // The list renders the rows on screen only: the search brings the new task up.
  const search = await s.waitFor("[data-testid='search']");
  await s.exec(setValue, [search, "HSTS live on the storefront"]);
  const row = await waitWords(s, `[data-task='${taskId}']`, (t) => t.includes("HSTS live on the storefront"));
  assert.equal(await s.exec("return arguments[0].querySelector('.owner input').value", [row]), "Ana Lopez", "the checklist shows the condition's owner");
  await s.exec(setValue, [search, ""]);

  step("sign-off: a decision made on an exported report, picked in the native open dialog");
  const dir = mkdtempSync(join(tmpdir(), "golive-signoff-"));
  const pdf = join(dir, "acme-readiness.pdf");
  const notReport = join(dir, "notes.pdf");
  writeFileSync(notReport, "These are notes, not a report.\n");
  await s.click(await s.find("[data-testid='tab-report']"));
  await s.click(await s.waitFor("[data-testid='export-report']"));
  await answerFileDialog("Export the readiness report", pdf, { save: true });
  const exported = await s.waitFor("[data-testid='exported']", { timeout: 60_000 });
  const reportId = (await s.text(exported)).match(/GLR-[\w-]+/)?.[0];
  assert.ok(reportId, `the export names its report id: ${await s.text(exported)}`);

  await s.click(await s.find("[data-testid='add-stakeholder']"));
  await s.exec(setValue, [await s.waitFor("[data-testid='stakeholder-form'] input[name='name']"), "Ben Ilić"]);
  await s.exec(setValue, [await s.find("[data-testid='stakeholder-form'] input[name='role']"), "CTO"]);
  await s.click(await s.find("[data-testid='save-stakeholder']"));
  const ben = "[data-testid='stakeholder']:nth-child(2)";
  await s.waitFor(ben, { text: (t) => t.includes("Ben Ilić") });
  await s.click(await s.find(`${ben} [data-decision='go']`));
  await s.click(await s.waitFor(`${ben} [data-testid='basis-report']`));
  await answerFileDialog("The report the decision is made on", notReport);
  await waitWords(s, `${ben} [data-testid='basis-file']`, (t) => t.includes("notes.pdf"));
  await s.click(await s.find(`${ben} [data-testid='record-decision']`));
  const refused = await s.waitFor(`${ben} [data-testid='basis-error']`);
  assert.match(await s.text(refused), /not a readable PDF \(it has no PDF header\); pick the report file/, "a file that is no report is refused beside the file, in words");
  await shot(s, "signoff-refused-file");
  await s.click(await s.find(`${ben} [data-testid='basis-file'] button`));
  await answerFileDialog("The report the decision is made on", pdf);
  await waitWords(s, `${ben} [data-testid='basis-file']`, (t) => t.includes("acme-readiness.pdf"));
  await s.click(await s.find(`${ben} [data-testid='record-decision']`));
  await s.waitFor(`${ben} [data-testid='decision-basis']`, { text: (t) => t.includes(`Decided on report ${reportId}`) });
  const basis = dbRow("SELECT d.report_id, length(d.report_sha256) FROM decision d JOIN stakeholder s ON s.id = d.stakeholder_id WHERE s.name = ? ORDER BY d.id DESC LIMIT 1", "Ben Ilić");
  assert.deepEqual(basis, [reportId, 64], "the decision keeps the report's id and the SHA-256 of its sealed data");
  await dismissToasts(s);
  await shot(s, "signoff-on-report");
}

/** The form in the dark theme, its gaps named: axe checks names and contrast there too. */
export async function signOffInDark(s, { step, shot, accessible }) {
  step("sign-off form in dark: a go with conditions with its gaps named");
  await s.click(await s.find("[data-testid='tab-report']"));
  const marta = "[data-testid='stakeholder']:first-child";
  await s.click(await s.waitFor(`${marta} [data-testid='change-decision']`));
  await s.waitFor(`${marta} [data-testid='conditions-kept']`);
  await s.click(await s.find(`${marta} [data-testid='add-condition']`));
  await s.click(await s.find(`${marta} [data-testid='record-decision']`));
  await s.waitFor(`${marta} [data-testid='conditions'] .error-text`, { text: (t) => t === "Say what must be true." });
  await shot(s, "signoff-dark");
  await accessible(s, "the sign-off form in dark");
  await s.click(await s.find(`${marta} [data-testid='cancel-decision']`));
  await s.waitFor(`${marta} [data-testid='change-decision']`);
}
