// End-to-end steps for bulk edits in the checklist: Ctrl-click and Shift-click select rows,
// the bulk bar assigns an owner to all of them in one change, one Undo puts every old owner
// back, Shift+↓ extends the selection, Ctrl+A selects what the filter shows, Esc clears.
import assert from "node:assert/strict";
import { sleep } from "../webdriver.mjs";

/** A click with modifier keys, as the row's own click handler receives it. */
function clickWith(s, el, mods) {
  return s.exec("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true, ...arguments[1] }))", [el, mods]);
}

const ownersOf = (s, ids) =>
  s.exec("return arguments[0].map((id) => document.querySelector(`[data-task='${id}'] .owner input`)?.value ?? null)", [ids]);

/** Runs the steps on the open plan's checklist; `step` prints what is checked, `shot` saves a screenshot. */
export async function bulkEdits(s, { step, shot, accessible, until }) {
  step("bulk: Ctrl-click and Shift-click select five tasks; assign them an owner at once");
  await s.click(await s.find("[data-testid='tab-checklist']"));
  await s.exec("document.querySelector(\"[data-testid='task-list']\").scrollTop = 0");
  await sleep(200);
  const ids = await s.exec("return [...document.querySelectorAll(\"[data-testid='task-row']\")].slice(2, 7).map((r) => r.dataset.task)");
  assert.equal(ids.length, 5);
  const before = await ownersOf(s, ids);
  await clickWith(s, await s.find(`[data-task='${ids[0]}'] .title`), { ctrlKey: true });
  await clickWith(s, await s.find(`[data-task='${ids[4]}'] .title`), { shiftKey: true });
  await s.waitFor("[data-testid='selected-count']", { text: (t) => t.startsWith("5 ") });
  assert.equal(await s.exec("return document.querySelectorAll(\"[data-testid='task-row'][data-selected='true']\").length"), 5);
  assert.equal(await s.exec("return !!document.querySelector(\"[data-testid='task-drawer']\") && document.querySelector(\"[data-testid='task-drawer']\").textContent.includes(arguments[0])", [ids[4]]), false, "a Shift-click selects, it does not open the task");
  const owner = await s.find("[data-testid='bulk-owner']");
  await s.type(owner, "Client ops team\uE007");
  await until(s, `return ${JSON.stringify(ids)}.every((id) => document.querySelector(\`[data-task='\${id}'] .owner input\`)?.value === "Client ops team")`, "the five owners");
  await shot(s, "bulk-selection");

  step("bulk: one Undo puts each task's own owner back");
  await until(s, "return [...document.querySelectorAll('.toast button')].some((b) => b.textContent.trim() === 'Undo')", "the Undo of the bulk change");
  await s.exec("[...document.querySelectorAll('.toast button')].filter((b) => b.textContent.trim() === 'Undo').at(-1).click()");
  await until(s, `return JSON.stringify(${JSON.stringify(ids)}.map((id) => document.querySelector(\`[data-task='\${id}'] .owner input\`)?.value ?? null)) === ${JSON.stringify(JSON.stringify(before))}`, "the old owners back");
  assert.deepEqual(await ownersOf(s, ids), before);
  await accessible(s, "the checklist with five tasks selected");

  step("bulk: Shift+↓ extends the selection, Ctrl+A selects all the filter shows, Esc clears");
  await s.click(await s.find("[data-testid='bulk-clear']"));
  await until(s, "return !document.querySelector(\"[data-testid='bulk-bar']\")", "Clear to close the bulk bar");
  const row = await s.find(`[data-task='${ids[0]}']`);
  await s.exec("arguments[0].focus()", [row]);
  const SHIFT = "\uE008";
  const DOWN = "\uE015";
  await s.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [
    { type: "keyDown", value: SHIFT }, { type: "keyDown", value: DOWN }, { type: "keyUp", value: DOWN },
    { type: "keyDown", value: DOWN }, { type: "keyUp", value: DOWN }, { type: "keyUp", value: SHIFT }] }] });
  await s.waitFor("[data-testid='selected-count']", { text: (t) => t.startsWith("3 ") });
  await s.waitFor(`[data-task='${ids[2]}']:focus`);
  const CTRL = "\uE009";
  await s.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [
    { type: "keyDown", value: CTRL }, { type: "keyDown", value: "a" }, { type: "keyUp", value: "a" }, { type: "keyUp", value: CTRL }] }] });
  const shown = await s.exec("return document.querySelector(\"[data-testid='task-count']\").textContent.split(' ')[0]");
  await s.waitFor("[data-testid='selected-count']", { text: (t) => t.startsWith(`${shown} `) });
  // Esc acts innermost first: an open task closes, the next Esc clears the selection.
  const openTask = await s.exec("return document.querySelector(\"[data-testid='task-drawer'] header .id\")?.textContent.split(' ')[0] ?? null");
  if (openTask) {
    await s.press("\uE00C");
    await until(s, "return !document.querySelector(\"[data-testid='task-drawer']\")", "Esc to close the task");
    assert.ok(await s.exec("return !!document.querySelector(\"[data-testid='bulk-bar']\")"), "the Esc that closed the task also cleared the selection");
  }
  await s.press("\uE00C");
  await until(s, "return !document.querySelector(\"[data-testid='bulk-bar']\")", "Esc to clear the selection");
  // The task open before is open again for the steps after these.
  if (openTask) {
    await s.click(await s.find(`[data-task='${openTask}'] .title`));
    await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes(openTask) });
  }
}
