// Dates in the user's format in the real window: the format chosen in Settings shows in the
// date fields, a date typed as eight digits is read in it, and the calendar's weeks start on
// Monday; paging its months leaves the value alone, choosing a day sets it.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { setValueScript, sleep } from "../webdriver.mjs";

const setValue = setValueScript();

export async function datesInTheUsersFormat(s, shots) {
  await s.click(await s.find("[data-testid='open-settings']"));
  await s.exec(setValue, [await s.waitFor("[data-testid='date-style']"), "dmy-dot"]);
  await s.click(await s.waitFor("[data-testid='plan-row']"));
  await s.click(await s.waitFor("[data-testid='reschedule']"));
  const field = await s.waitFor("input[name='new-launch-date']");
  const iso = await s.exec("return arguments[0].dataset.iso", [field]);
  const [y, m, d] = iso.split("-");
  assert.equal(await s.exec("return arguments[0].value", [field]), `${d}.${m}.${y}`, "the field shows DD.MM.YYYY");
  // Regression: 01052027 became 12/26/2027 in the webview's own date field.
  await s.exec("arguments[0].select()", [field]);
  await s.type(field, `0105${Number(y) + 1}`);
  await s.waitFor(`input[name='new-launch-date'][data-iso='${Number(y) + 1}-05-01']`);
  await s.exec("document.querySelector(\"[data-testid='reschedule-dialog'] [data-testid='date-picker-button']\").click()");
  await s.waitFor("[data-testid='date-picker']");
  const head = await s.exec("return [...document.querySelectorAll(\"[data-testid='date-picker'] th\")].map((th) => th.textContent)");
  assert.deepEqual(head, ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], "the week starts on Monday");
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await sleep(300);
    writeFileSync(`${shots}/date-picker.png`, Buffer.from(await s.screenshot(), "base64"));
  }
  await s.click(await s.find("[data-testid='picker-next']"));
  await s.click(await s.find("[data-testid='picker-next']"));
  assert.equal(await s.exec("return arguments[0].dataset.iso", [field]), `${Number(y) + 1}-05-01`, "paging months changed the value");
  await s.click(await s.find(`[data-day='${Number(y) + 1}-07-06']`));
  await s.waitFor(`input[name='new-launch-date'][data-iso='${Number(y) + 1}-07-06']`);
  assert.equal(await s.exec("return arguments[0].value", [field]), `06.07.${Number(y) + 1}`);
  await s.click(await s.find("[data-testid='reschedule-dialog'] button.btn:not(.primary)"));
  await s.exec("document.querySelector(\"[data-testid='open-settings']\").click()");
  await s.exec(setValue, [await s.waitFor("[data-testid='date-style']"), "system"]);
}
