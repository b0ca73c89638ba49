// The layout holds at the sizes people use (1024×700, 1280×800), drawer open and closed, in
// every view: measured in the real window (getBoundingClientRect, scrollWidth against
// clientWidth), with a screenshot of each to look at.
//
// What counts as broken, each found once in the first-hour review:
// - text narrower than a word: a text broken into more lines than it has words;
// - cut off: a tab, a header count, a toolbar control clipped by an ancestor or the window,
//   or whose own content overflows it ("Re" for Report);
// - overlap: a task row's badges reaching into its owner or date, header items over each other;
// - sideways scrolling anywhere but the timeline, whose days run sideways by design;
// - the Probes view's Run buttons out of reach.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { sleep } from "../webdriver.mjs";

const SIZES = [
  [1024, 700],
  [1280, 800],
];
const VIEWS = ["timeline", "checklist", "probes", "report"];

// Runs in the page; answers a list of problems, one line each.
const MEASURE = String.raw`
const problems = [];
const say = (what, el) => problems.push(what + ": " + describe(el));
function describe(el) {
  const id = el.dataset?.testid ? "[" + el.dataset.testid + "]" : "";
  const text = (el.innerText || el.getAttribute?.("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return el.tagName.toLowerCase() + id + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + ' "' + text + '"';
}
function shown(el) {
  if (!el.isConnected || el.closest(".sr-only, .view.hidden, [hidden]")) return false;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const cs = getComputedStyle(el);
  return cs.visibility !== "hidden" && cs.display !== "none" && Number(cs.opacity) > 0;
}
const drawer = document.querySelector("[data-testid='task-drawer']");
const inDrawer = (el) => drawer && drawer.contains(el);
const dr = drawer?.getBoundingClientRect();
// Under the overlaying drawer: left alone, the drawer is on top there by design.
const under = (r) => drawer && !(r.right <= dr.left + 1 || r.left >= dr.right - 1);
const overlap = (a, b) => !(a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1);
const timeline = document.querySelector("[data-testid='timeline']");

// 1. Text narrower than a word.
const walker = document.createTreeWalker(document.querySelector("#app"), NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  if (text.length < 3 || !shown(node.parentElement)) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
  const words = text.split(/\s+/).length;
  if (lines.size > words) say("text broken within words (" + lines.size + " lines, " + words + " words)", node.parentElement);
}

// 1b. Ellipsis is fine for a long title, not for one cut to a few letters ("Sh…").
for (const el of document.querySelectorAll("#app *")) {
  if (!shown(el) || el.children.length > 0) continue;
  if (getComputedStyle(el).textOverflow !== "ellipsis" || el.scrollWidth <= el.clientWidth + 1) continue;
  if (el.clientWidth < 48 && !under(el.getBoundingClientRect())) say("cut to " + el.clientWidth + " px", el);
}

// 2. Sideways scrolling.
for (const el of document.querySelectorAll("#app *")) {
  if (!shown(el) || (timeline && timeline.contains(el))) continue;
  const cs = getComputedStyle(el);
  if (!/(auto|scroll)/.test(cs.overflowX)) continue;
  if (el.scrollWidth > el.clientWidth + 1) say("scrolls sideways by " + (el.scrollWidth - el.clientWidth) + " px", el);
}

// 3. Cut off: controls and labels that must show whole.
const whole = "input[data-iso], [role='tab'], [data-testid='readiness-header'] dt, [data-testid='readiness-header'] dd, [data-testid='readiness-header'] button, .toolbar button, .toolbar select, [data-testid='probes'] .bar button, [data-testid='probes'] .bar select, [data-testid='task-drawer'] header button";
for (const el of document.querySelectorAll(whole)) {
  if (!shown(el)) continue;
  const r = el.getBoundingClientRect();
  if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== "inline") say("its content overflows it", el);
  if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) { say("outside the window", el); continue; }
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
    const ar = a.getBoundingClientRect();
    if (r.left < ar.left - 1 || r.right > ar.right + 1 || r.top < ar.top - 1 || r.bottom > ar.bottom + 1) { say("clipped by " + describe(a), el); break; }
  }
  if (!inDrawer(el) && !under(r)) {
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit && !el.contains(hit) && !hit.contains(el) && !hit.closest("[role='tooltip'], .toasts, [data-testid='toasts']")) say("covered by " + describe(hit), el);
  }
}

// 4. Overlap: a row's badges against its owner and date; the header's items.
for (const row of document.querySelectorAll("[data-testid='task-row']")) {
  if (!shown(row)) continue;
  const cells = [...row.querySelectorAll("[role='gridcell']")].filter(shown);
  const title = row.querySelector(".title");
  const titleBox = title?.getBoundingClientRect();
  for (const badge of title ? title.children : []) {
    if (!shown(badge)) continue;
    const b = badge.getBoundingClientRect();
    if (b.right > titleBox.right + 1) { say("a badge runs out of the title", badge); continue; }
    for (const c of cells) if (c !== title && overlap(b, c.getBoundingClientRect())) say("a badge over " + describe(c), badge);
  }
}
const headerItems = [...document.querySelectorAll("[data-testid='readiness-header'] .counts > div, [data-testid='readiness-header'] .verdict, [data-testid='readiness-header'] .actions > *, [role='tab']")].filter(shown);
for (let i = 0; i < headerItems.length; i++)
  for (let j = i + 1; j < headerItems.length; j++)
    if (!headerItems[i].contains(headerItems[j]) && !headerItems[j].contains(headerItems[i]) && overlap(headerItems[i].getBoundingClientRect(), headerItems[j].getBoundingClientRect()))
      say("over " + describe(headerItems[j]), headerItems[i]);

// 5. Probes: Run all and Run in reach (in the window, not under another part of the view).
for (const id of ["run-all", "run-one"]) {
  const el = document.querySelector("[data-testid='" + id + "']");
  if (!el || !shown(el)) continue;
  const r = el.getBoundingClientRect();
  if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) say("out of the window", el);
}
return problems;
`;

/** The measures find what they look for in this WebKit: a word squeezed into 14 px, a tab
    whose label overflows it, a box that scrolls sideways, each put into the page a moment. */
async function measuresCanFail(s) {
  const problems = await s.exec(`
    const probe = document.createElement("div");
    probe.id = "layout-probe";
    probe.style.cssText = "position:fixed;left:0;top:0;z-index:99999;background:#fff";
    probe.innerHTML = '<div style="width:14px;overflow-wrap:anywhere">Report</div>' +
      '<button role="tab" style="width:20px;overflow:hidden;white-space:nowrap">Checklist</button>' +
      '<div style="width:60px;overflow-x:auto"><div style="width:200px">wide</div></div>';
    document.querySelector("#app").appendChild(probe);
    try { ${"return (() => {" + MEASURE + "})();"} } finally { probe.remove(); }`);
  const expect = ["text broken within words", "its content overflows it", "scrolls sideways"];
  for (const what of expect) assert.ok(problems.some((p) => p.startsWith(what)), `the layout measure missed "${what}": ${JSON.stringify(problems)}`);
}

async function tryShot(s, dir, name) {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await sleep(300);
  writeFileSync(`${dir}/${name}.png`, Buffer.from(await s.screenshot(), "base64"));
}

/**
 * At each size, every view with the drawer closed and open: the measures above find nothing.
 * `taskId` is the task the drawer shows; the window is put back to its size afterwards.
 */
export async function layoutHolds(s, { theme, taskId, shots }) {
  await measuresCanFail(s);
  const before = await s.cmd("GET", "/window/rect");
  const found = [];
  try {
    for (const [w, h] of SIZES) {
      await s.cmd("POST", "/window/rect", { x: 0, y: 0, width: w, height: h });
      await sleep(400);
      for (const drawer of ["closed", "open"]) {
        if (drawer === "open") {
          await s.click(await s.find("[data-testid='tab-checklist']"));
          const row = await s.waitFor(`[data-task='${taskId}']`);
          await s.exec("arguments[0].click()", [row]);
          await s.waitFor("[data-testid='task-drawer']");
        } else {
          await s.exec("const b = document.querySelector(\"[data-testid='task-drawer'] button[aria-label='Close task']\"); if (b) b.click();");
        }
        for (const view of VIEWS) {
          await s.exec(`document.querySelector("[data-testid='tab-${view}']").click()`);
          await s.waitFor(`[data-testid='tab-${view}'][aria-selected='true']`);
          await sleep(250);
          await s.exec("document.querySelectorAll('[aria-label=Dismiss]').forEach((b) => b.click())");
          const problems = await s.exec(MEASURE);
          for (const p of problems) found.push(`${w}×${h} ${theme} drawer ${drawer}, ${view}: ${p}`);
          await tryShot(s, shots, `layout-${w}x${h}-${theme}-${view}-drawer-${drawer}`);
        }
      }
      // This week, across the plans (no plan's header, no drawer), then back to the plan.
      const planAt = await s.exec("return [...document.querySelectorAll(\"[data-testid='plan-row']\")].findIndex((r) => r.classList.contains('selected'))");
      await s.exec("document.querySelector(\"[data-testid='open-agenda']\")?.click()");
      if (await s.exec("return !!document.querySelector(\"[data-testid='open-agenda']\")")) {
        await s.waitFor("[data-testid='agenda']");
        await sleep(250);
        for (const p of await s.exec(MEASURE)) found.push(`${w}×${h} ${theme}, this week: ${p}`);
        await tryShot(s, shots, `layout-${w}x${h}-${theme}-this-week`);
        await s.exec("document.querySelectorAll(\"[data-testid='plan-row']\")[arguments[0]].click()", [Math.max(0, planAt)]);
        await s.waitFor("[data-testid='readiness-header']");
      }
    }
  } finally {
    await s.exec("const b = document.querySelector(\"[data-testid='task-drawer'] button[aria-label='Close task']\"); if (b) b.click();");
    await s.cmd("POST", "/window/rect", before);
    await sleep(300);
  }
  assert.deepEqual(found, [], `the layout breaks:\n${found.join("\n")}`);
}
