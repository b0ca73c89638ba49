// Measures the desktop budgets through WebDriver: cold start to the first interactive view,
// memory of the app and its WebKit processes with a 500-task plan open, view switching, and
// the Gantt timeline's frame times while it scrolls through the 500 tasks, and selecting all
// 500 tasks in the checklist and assigning them an owner at once.
// Called by benches/desktop.sh, which starts Xvfb and tauri-driver; prints one JSON line.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Session, sleep } from "../tests/e2e/webdriver.mjs";

const WD = process.env.WD_URL;
const APP = process.env.APP_BIN;
const DRIVER_PID = Number(process.env.DRIVER_PID);
const RUNS = Number(process.env.RUNS ?? 5);

/** Scrolls the checklist from the top to the end, 600 px a frame, as a user would. */
const SCROLL_THROUGH = `const done = arguments[0]; const l = document.querySelector("[data-testid='task-list']");
  let y = 0; l.scrollTop = 0; const step = () => { y += 600; l.scrollTop = y; if (y < l.scrollHeight) requestAnimationFrame(step); else done(); }; requestAnimationFrame(step);`;

/**
 * Scrolls the Gantt timeline down 90 px and right 30 px a frame for 300 frames (back to the
 * top at the end), whole-plan zoom for the last 100, and answers each frame's time from the
 * previous one — what a user dragging the scrollbars sees as smooth or not.
 */
const GANTT_FRAMES = `const done = arguments[0]; const l = document.querySelector("[data-testid='timeline']");
  const frames = []; let last = 0, i = 0; l.scrollTop = 0; l.scrollLeft = 0;
  const step = (t) => { if (last) frames.push(t - last); last = t; i++;
    if (i === 200) document.querySelector("[data-testid='zoom-plan']").click();
    l.scrollTop = l.scrollTop + l.clientHeight >= l.scrollHeight - 1 ? 0 : l.scrollTop + 90; l.scrollLeft += 30;
    if (i < 300) requestAnimationFrame(step); else done(frames); };
  requestAnimationFrame(step);`;

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Proportional set size (kB) of the process tree under tauri-driver, minus the drivers. */
function memoryKb() {
  const children = (pid) => {
    try {
      return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const tree = [];
  const walk = (pid) => children(pid).forEach((c) => { tree.push(c); walk(c); });
  walk(DRIVER_PID);
  let total = 0;
  const parts = [];
  for (const pid of tree) {
    const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    if (name === "WebKitWebDriver") continue;
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const pss = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    total += pss;
    parts.push(`${name}=${Math.round(pss / 1024)}MB`);
    if (process.env.MEMORY_DETAIL) console.error(`${name}: ${largestMappings(pid)}`);
  }
  return { total, parts };
}

/** The mappings (file names, or [anon]/[heap]) with the most PSS, for MEMORY_DETAIL=1. */
function largestMappings(pid) {
  const by = new Map();
  let current = "";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) current = head[1].split("/").pop() || "[anon]";
    else if (line.startsWith("Pss:")) by.set(current, (by.get(current) ?? 0) + Number(line.split(/\s+/)[1]));
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k}=${Math.round(v / 1024)}MB`).join(", ");
}

const starts = [];
let memory = null;
let settled = null;
let opened = null;
let later = null;
let switches = [];
let frames = [];
let bars = 0;
let bulk = [];

/** Ctrl+A in the checklist, then an owner for all it selected through the bulk bar; answers
    the milliseconds from the key to the second frame after every row on screen shows it. */
const SELECT_ALL_AND_ASSIGN = `const [owner, done] = arguments; const t0 = performance.now();
  document.querySelector("[data-testid='task-row']").focus();
  document.activeElement.dispatchEvent(new KeyboardEvent("keydown", { key: "a", ctrlKey: true, bubbles: true }));
  const assign = () => {
    const input = document.querySelector("[data-testid='bulk-owner']");
    if (!input) return requestAnimationFrame(assign);
    input.value = owner; input.dispatchEvent(new Event("input", { bubbles: true }));
    input.form.requestSubmit();
    const shown = () => [...document.querySelectorAll("[data-testid='task-row'] .owner input")].every((i) => i.value === owner);
    const look = () => shown() ? requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)))
      : performance.now() - t0 > 30000 ? done(-1) : requestAnimationFrame(look);
    requestAnimationFrame(look);
  };
  requestAnimationFrame(assign);`;
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const s = await Session.start(WD, APP);
  try {
    // Watched inside the page (every frame), so the time is not rounded up to a polling step.
    const ready = await s.execAsync(`const done = arguments[0]; const t = performance.now();
      const look = () => document.querySelector("html[data-ready='true'] [data-testid='task-row']") ? done(true)
        : performance.now() - t > 30000 ? done(false) : requestAnimationFrame(look);
      look();`);
    if (!ready) {
      const text = await s.exec("return document.body.innerText").catch(() => "");
      throw new Error(`the plan never showed\npage: ${String(text).slice(0, 600)}`);
    }
    starts.push(performance.now() - t0);
    if (run === RUNS - 1) {
      // The checklist renders only the rows on screen; its counter says how many tasks there are.
      const count = await s.exec("return document.querySelector(\"[data-testid='task-count']\").textContent");
      const want = Number(process.env.TASKS ?? 500);
      if (count !== `${want} of ${want}`) throw new Error(`expected the ${want}-task plan, the checklist counts "${count}"`);
      await sleep(1000);
      opened = memoryKb();
      // Scroll through the whole list once, as a user would, then measure.
      await s.execAsync(SCROLL_THROUGH);
      for (let i = 0; i < 10; i++) {
        for (const tab of ["timeline", "checklist"]) {
          const ms = await s.execAsync(`const [tab, done] = arguments; const t0 = performance.now();
            document.querySelector("[data-testid='tab-" + tab + "']").click();
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));`, [tab]);
          switches.push(ms);
        }
      }
      // The Gantt timeline of all 500 tasks, scrolled through frame by frame.
      await s.exec("document.querySelector(\"[data-testid='tab-timeline']\").click()");
      await s.waitFor("[data-testid='gantt-bar']");
      bars = await s.exec("return document.querySelectorAll(\"[data-testid='gantt-bar']\").length");
      frames = await s.execAsync(GANTT_FRAMES);
      await s.exec("document.querySelector(\"[data-testid='tab-checklist']\").click()");
      // Select all 500 and assign them, five times with a new owner each (Esc clears between).
      for (let i = 0; i < 5; i++) {
        const ms = await s.execAsync(SELECT_ALL_AND_ASSIGN, [`Bench owner ${i}`]);
        if (ms < 0) throw new Error("the bulk owner never showed on the rows");
        const selected = await s.exec("return document.querySelector(\"[data-testid='selected-count']\").textContent");
        if (!selected.startsWith(`${want} `)) throw new Error(`select all took ${selected}, not ${want}`);
        bulk.push(ms);
        await s.exec("document.activeElement.blur(); window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))");
        await sleep(300);
      }
      // Right after the last switch, and once WebKit has settled (its collector and allocator
      // give back what the scrolling and switching left behind within a few seconds).
      await sleep(1000);
      memory = memoryKb();
      await sleep(10000);
      settled = memoryKb();
      // Two more passes over the list, then a rest: whether use keeps adding (a leak) or the
      // figure stays where the first pass left it (garbage JavaScriptCore has not collected).
      for (let pass = 0; pass < 2; pass++) {
        await s.execAsync(SCROLL_THROUGH);
        await sleep(1500);
      }
      await sleep(10000);
      later = memoryKb();
    }
  } finally {
    await s.end().catch(() => {});
  }
  await sleep(500);
}

console.log(JSON.stringify({
  cold_start_ms: { median: Math.round(median(starts)), max: Math.round(Math.max(...starts)), runs: starts.map(Math.round) },
  memory_mb: { total: Math.round(memory.total / 1024), parts: memory.parts, opened: Math.round(opened.total / 1024), settled: Math.round(settled.total / 1024), later: Math.round(later.total / 1024) },
  view_switch_ms: { median: Math.round(median(switches)), max: Math.round(Math.max(...switches)) },
  gantt_frame_ms: { median: Math.round(median(frames) * 10) / 10, p95: Math.round(percentile(frames, 0.95) * 10) / 10, max: Math.round(Math.max(...frames)), frames: frames.length, bars_in_dom: bars },
  select_all_assign_ms: { median: Math.round(median(bulk)), max: Math.round(Math.max(...bulk)) },
}));
