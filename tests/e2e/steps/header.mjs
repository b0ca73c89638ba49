// Acting from the readiness header: each count opens the checklist filtered to as many tasks
// as it says; a reason's task ids open the task; "and N more" shows the rest. And the page's
// right-click menu (Back, Forward, Reload) stays off the app's surface.
import assert from "node:assert/strict";

export async function headerActs(s) {
  const count = async (key) => Number(await s.exec(`return document.querySelector("[data-testid='count-${key}']").textContent`));
  const blocking = await count("blocking");
  assert.ok(blocking > 8, `a fresh plan has many blocking tasks open, got ${blocking}`);
  // Below 1440 px the open task lies over the filters, as for a user, who closes it first.
  await s.exec("document.querySelector(\"[data-testid='task-drawer'] button[aria-label='Close task']\")?.click()");
  await s.click(await s.find("[data-testid='count-blocking']"));
  await s.waitFor("[data-testid='tab-checklist'][aria-selected='true']");
  await s.waitFor("[data-testid='filter-blocking'][aria-pressed='true']");
  const shown = await s.exec("return document.querySelector(\"[data-testid='task-count']\").textContent");
  assert.match(shown, new RegExp(`^${blocking} of \\d+$`), `the Blocking open filter shows the header's ${blocking}`);
  const chip = await s.exec("return document.querySelector(\"[data-testid='filter-blocking'] .chip-n\").textContent");
  assert.equal(Number(chip), blocking, "the filter's own number is the header's");
  // The chip may lie under the open task's drawer (it overlays the view below 1440 px).
  await s.exec("document.querySelector(\"[data-testid='filter-blocking']\").click()");
  await s.waitFor("[data-testid='filter-blocking'][aria-pressed='false']");

  await s.click(await s.find("[data-testid='verdict']"));
  const link = await s.waitFor("[data-testid='reason-blocking-open'] [data-testid='reason-task']");
  const id = await s.text(link);
  const before = await s.exec("return document.querySelectorAll(\"[data-testid='reason-blocking-open'] [data-testid='reason-task']\").length");
  await s.click(await s.find("[data-testid='reason-blocking-open'] [data-testid='reason-more']"));
  const after = await s.exec("return document.querySelectorAll(\"[data-testid='reason-blocking-open'] [data-testid='reason-task']\").length");
  assert.equal(after, blocking, `"and N more" shows every one (${before} before)`);
  await s.click(link);
  await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes(id) });
  // The drawer stays open (on that task), as the steps after this one expect.
  await s.click(await s.find("[data-testid='verdict']"));

  const prevented = await s.exec(`const row = document.querySelector("[data-testid='task-row']");
    const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2 });
    row.dispatchEvent(e);
    const field = document.querySelector("[data-testid='search']");
    const f = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2 });
    field.dispatchEvent(f);
    return [e.defaultPrevented, f.defaultPrevented];`);
  assert.deepEqual(prevented, [true, false], "right-click: no page menu on the app, the field's own menu in a field");
}
