// A plan's own tasks in the real window: Add task in the checklist opens the dialog (axe
// checks it), the new X-01 opens in the drawer with its window; Edit changes its title;
// Remove asks first because it has evidence, then the task leaves the list.
import assert from "node:assert/strict";
import { setValueScript, sleep } from "../webdriver.mjs";

const setValue = setValueScript();

export async function ownTasks(s, { accessible, shot }) {
  // The drawer lies over the toolbar's end, where Add task is: it must be closed.
  await s.exec("document.querySelector(\"[data-testid='task-drawer'] button[aria-label='Close task']\")?.click()");
  await sleep(200);
  await s.click(await s.find("[data-testid='tab-checklist']"));
  await s.waitFor("[data-testid='add-own-task']");
  const before = await s.exec("return document.querySelector(\"[data-testid='task-count']\").textContent");
  await s.click(await s.find("[data-testid='add-own-task']"));
  const title = await s.waitFor("[data-testid='own-task-dialog'] [data-testid='own-title']");
  await s.type(title, "Klarna production credentials");
  await s.click(await s.find("[data-testid='own-blocking']"));
  await s.click(await s.find("[data-testid='own-due-offset']"));
  await s.exec(setValue, [await s.find("[data-testid='own-offset']"), "-10"]);
  await shot(s, "own-task");
  await accessible(s, "the add-task dialog");
  await s.click(await s.find("[data-testid='own-save']"));
  await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes("X-01") && t.includes("Klarna production credentials") });
  await s.waitFor("[data-testid='own-task-actions']");
  const window = await s.text(await s.find("[data-testid='drawer-window']"));
  assert.match(window, /^Window .+ → .+/, `the drawer shows the task's window: ${window}`);
  const after = await s.exec("return document.querySelector(\"[data-testid='task-count']\").textContent");
  assert.notEqual(after, before, "the checklist counts the new task");
  await accessible(s, "an own task in the drawer");

  await s.click(await s.find("[data-testid='own-edit']"));
  const edit = await s.waitFor("[data-testid='own-task-dialog'] [data-testid='own-title']");
  await s.exec(setValue, [edit, "Klarna live keys"]);
  await s.click(await s.find("[data-testid='own-save']"));
  await s.waitFor("[data-testid='task-drawer'] h2", { text: (t) => t === "Klarna live keys" });

  await s.click(await s.find("[data-testid='add-note']"));
  await s.type(await s.waitFor("[data-testid='note-text']"), "Keys requested from Klarna.");
  await s.click(await s.find("[data-testid='save-note']"));
  await s.waitFor("[data-testid='evidence-item']", { text: (t) => t.includes("Keys requested") });
  await s.click(await s.find("[data-testid='own-remove']"));
  await s.waitFor("[data-testid='own-remove-confirm']", { text: (t) => t.includes("evidence") });
  await accessible(s, "the remove confirmation");
  await s.click(await s.find("[data-testid='own-remove-confirmed']"));
  await sleep(300);
  await s.waitFor("[data-testid='task-count']", { text: (t) => t === before });
  assert.ok(await s.exec("return !document.querySelector(\"[data-task='X-01']\")"), "X-01 left the checklist");
}
