// End-to-end steps of the planning views: the Gantt timeline (bars one Tab stop, ↓ to the next
// task, Shift+→ and Enter pin a due date, whole-plan zoom, grouping by owner) and the "This
// week" view across plans (the blocked task listed, "My tasks" for the user's name, a row
// opening its task in its plan). Called from desktop.test.mjs with its helpers.
import assert from "node:assert/strict";

/** Holds Shift while pressing `key` on whatever has focus (W3C actions), as a keyboard would. */
function pressWithShift(s, key) {
  const SHIFT = "\uE008";
  const keys = [{ type: "keyDown", value: SHIFT }, { type: "keyDown", value: key }, { type: "keyUp", value: key }, { type: "keyUp", value: SHIFT }];
  return s.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys }] });
}

/** The Gantt timeline of the open plan; `t` holds the main test's helpers. */
export async function ganttSteps(s, t) {
  t.step("the Gantt timeline: one Tab stop, ↓ to the next task, Shift+→ and Enter pin a due date");
  await s.click(await s.find("[data-testid='tab-timeline']"));
  await s.waitFor("[data-testid='timeline'] [data-testid='gantt-bar']");
  await t.dismissToasts(s);
  await t.shot(s, "timeline");
  await t.accessible(s, "the timeline");
  const stops = await s.findAll("[data-testid='gantt-bar'][tabindex='0']");
  assert.equal(stops.length, 1, "the timeline's bars should be one Tab stop");
  const focused = () => s.exec("return document.activeElement.dataset.key ?? null");
  await s.exec("arguments[0].focus()", [stops[0]]);
  const first = await focused();
  await s.press("\uE015");
  const below = await focused();
  assert.ok(below && below !== first, `↓ stayed on ${first}`);
  await s.waitFor(`[data-testid='gantt-bar'][tabindex='0'][data-key='${below}']`);
  // No "+N more" pile: a bar per task.
  assert.ok(!(await s.exec("return /\\+\\d+ more/.test(document.querySelector(\"[data-testid='timeline']\").innerText)")), "a +N more pile on the timeline");

  const dueBefore = await s.exec(`return document.querySelector("[data-key='${below}']").getAttribute('aria-label')`);
  await pressWithShift(s, "\uE014");
  await pressWithShift(s, "\uE014");
  await s.waitFor("[data-testid='timeline'] [role='status']", { text: (x) => x.includes("Enter pins") });
  await t.shot(s, "timeline-pin");
  await s.press("\uE007");
  await t.until(s, `return (document.querySelector("[data-key='${below}']")?.getAttribute('aria-label') ?? '').includes('due date pinned')`, "the pinned due date on the bar");
  const dueAfter = await s.exec(`return document.querySelector("[data-key='${below}']").getAttribute('aria-label')`);
  assert.notEqual(dueAfter, dueBefore, "the bar did not move");

  t.step("the whole plan at once, grouped by owner");
  await s.click(await s.find("[data-testid='zoom-plan']"));
  await s.click(await s.find("[data-testid='group-owner']"));
  await t.until(s, "return [...document.querySelectorAll('.timeline .group .gname')].some((g) => g.textContent === 'Mira (PM)')", "an owner's heading");
  await t.dismissToasts(s);
  await t.shot(s, "timeline-plan-by-owner");
  await t.accessible(s, "the whole-plan timeline by owner");
}

/** A second plan launching in three weeks, so much of it is overdue or due soon, with two
    of its tasks given to Mira. */
async function soonPlan(s, t) {
  await s.click(await s.find("[data-testid='new-plan']"));
  await s.type(await s.waitFor("[data-testid='new-plan-dialog'] input[name='name']"), "Birch B2B shop");
  await s.type(await s.find("[data-testid='new-plan-dialog'] input[name='client']"), "Birch AG");
  const launch = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await s.exec(t.setValue, [await s.find("input[name='launch-date']"), launch]);
  await s.click(await s.find("[data-testid='create-plan']"));
  await s.waitFor("[data-testid='readiness-header'] h1", { text: (x) => x === "Birch B2B shop" });
  await s.click(await s.find("[data-testid='tab-checklist']"));
  await s.waitFor("[data-testid='task-row'] .owner input");
  const inputs = await s.findAll("[data-testid='task-row'] .owner input");
  for (const [i, owner] of [[0, "Mira (PM)"], [2, "Jonas (Dev)"], [4, "Mira (PM)"]]) {
    await s.exec("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles:true})); arguments[0].dispatchEvent(new Event('blur'))", [inputs[i], owner]);
    await t.sleep(250);
  }
}

/** The "This week" view across the main plan (a blocked task, no owner) and a plan that
    launches in three weeks. */
export async function agendaSteps(s, t) {
  t.step("This week: every plan's overdue, soon-due and blocked tasks; My tasks for the user's name; a row opens its task");
  await soonPlan(s, t);
  await s.click(await s.find("[data-testid='open-settings']"));
  const who = await s.waitFor("[data-testid='settings'] input[name='user-name']");
  await s.exec(t.setValue, [who, "Mira (PM)"]);
  await s.exec("arguments[0].dispatchEvent(new Event('change', { bubbles: true }))", [who]);
  await s.exec("document.activeElement && document.activeElement.blur()");
  await t.sleep(300);
  // Ctrl+Shift+W opens it from anywhere, a field too.
  await s.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: ["\uE009", "\uE008", "w"].map((value) => ({ type: "keyDown", value })).concat(["w", "\uE008", "\uE009"].map((value) => ({ type: "keyUp", value }))) }] });
  await s.waitFor("[data-testid='agenda'] [data-testid='agenda-row']");
  const blocked = await s.exec("return [...document.querySelectorAll(\"[data-testid='agenda-row']\")].some((r) => r.textContent.includes('Blocked'))");
  assert.ok(blocked, "the blocked task is on the agenda");
  const plans = await s.exec("return document.querySelectorAll('.agenda .group').length");
  assert.equal(plans, 2, "both plans have tasks this week or next");
  assert.ok(await s.exec("return !!document.querySelector(\"[data-testid='agenda-row'][data-when='overdue']\")"), "the plan three weeks from launch has overdue tasks");
  await t.dismissToasts(s);
  await t.shot(s, "this-week");
  await t.accessible(s, "the This week view");

  await s.click(await s.find("[data-testid='my-tasks']"));
  await s.waitFor("[data-testid='my-tasks'][aria-pressed='true']");
  await t.until(s, "return [...document.querySelectorAll(\"[data-testid='agenda-row']\")].every((r) => r.textContent.includes('Mira (PM)'))", "only Mira's tasks");
  await s.click(await s.find("[data-testid='my-tasks']"));
  await s.click(await s.find("[data-testid='group-owner']"));
  await t.until(s, "return [...document.querySelectorAll('.agenda .group .gname')].some((g) => g.textContent === 'Mira (PM)')", "an owner's heading");
  await t.shot(s, "this-week-by-owner");
  await t.accessible(s, "the This week view by owner");

  const row = await s.find("[data-testid='agenda-row']");
  const task = await s.attr(row, "data-task");
  await s.exec("arguments[0].focus()", [row]);
  await s.press("\uE007");
  await s.waitFor("[data-testid='task-drawer']", { text: (x) => x.includes(task) });
  await s.waitFor("[data-testid='tab-checklist'][aria-selected='true']");
  await s.exec("arguments[0].click()", [await s.find("[data-testid='task-drawer'] button[aria-label='Close task']")]);
}
