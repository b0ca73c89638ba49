// The window at the sizes people use it (1024×700, 1280×800), with the task drawer closed and
// open, the Gantt timeline (with a task open) and This week, light and dark: screenshots to
// look at, not assertions. Run with
// `make screenshot-sizes` (tests/e2e/run.sh with E2E_SCRIPT=tests/e2e/sizes.mjs). Then the
// layout's measures (steps/layout.mjs) in every view, as the full end-to-end run takes them.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { Session } from "./webdriver.mjs";
import { layoutHolds } from "./steps/layout.mjs";

const WD = process.env.WD_URL;
const APP = process.env.APP_BIN;
const SHOTS = process.env.SHOT_DIR;
const CLI = APP.replace(/golive-desktop$/, "golive");

// A plan with some work done, through the CLI on the app's own database (GOLIVE_DB).
const golive = (...args) => execFileSync(CLI, args, { stdio: "ignore" });
const launchDay = new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10);
golive("plan", "new", "Acme DE relaunch", "--launch", `${launchDay} 09:00`, "--tz", "Europe/Berlin", "--client", "Acme GmbH");
golive("item", "set", "acme", "GEN-01", "--status", "done", "--owner", "Mira (PM)");
golive("item", "set", "acme", "CLO-01", "--status", "in-progress", "--owner", "Jonas (Dev)");
golive("item", "set", "acme", "CLO-05", "--status", "blocked", "--reason", "Waiting for the CDN contract");
golive("item", "set", "acme", "CLO-12", "--due", `${launchDay.slice(0, 4)}-${launchDay.slice(5, 7)}-01`);
golive("evidence", "add", "acme", "GEN-01", "--note", "Date shared with the **platform team** in OPS-1234.");

async function tour(theme) {
  const s = await Session.start(WD, APP);
  await s.keepPainting();
  await s.waitFor("html[data-ready='true']", { timeout: 20_000 });
  await s.click(await s.waitFor("[data-testid='plan-row']"));
  await s.waitFor("[data-testid='task-row']");
  for (const [w, h] of [[1024, 700], [1280, 800]]) {
    await s.cmd("POST", "/window/rect", { x: 0, y: 0, width: w, height: h });
    await sleep(500);
    const name = (drawer) => `${SHOTS}/${w}x${h}-${theme}-${drawer}.png`;
    writeFileSync(name("closed"), Buffer.from(await s.screenshot(), "base64"));
    const row = await s.find("[data-task='GEN-01']");
    await s.exec("arguments[0].focus()", [row]);
    await s.type(row, "\uE007");
    await s.waitFor("[data-testid='task-drawer']");
    await sleep(500);
    writeFileSync(name("open"), Buffer.from(await s.screenshot(), "base64"));
    await s.click(await s.find("[data-testid='task-drawer'] button[aria-label='Close task']"));
    await sleep(300);
    await s.click(await s.find("[data-testid='tab-timeline']"));
    await s.waitFor("[data-testid='gantt-bar']");
    await sleep(400);
    writeFileSync(name("timeline"), Buffer.from(await s.screenshot(), "base64"));
    await s.click(await s.find("[data-testid='gantt-bar'][data-key='CLO-05']"));
    await s.waitFor("[data-testid='task-drawer']");
    await sleep(500);
    writeFileSync(name("timeline-open"), Buffer.from(await s.screenshot(), "base64"));
    await s.click(await s.find("[data-testid='task-drawer'] button[aria-label='Close task']"));
    await s.click(await s.find("[data-testid='open-agenda']"));
    await s.waitFor("[data-testid='agenda-row']");
    await sleep(400);
    writeFileSync(name("this-week"), Buffer.from(await s.screenshot(), "base64"));
    await s.click(await s.find("[data-testid='plan-row']"));
    await s.click(await s.find("[data-testid='tab-checklist']"));
    await s.waitFor("[data-task='GEN-01']");
    console.log(`  ${w}x${h} ${theme}`);
  }
  try {
    await layoutHolds(s, { theme, taskId: "GEN-01", shots: `${SHOTS}/layout` });
  } finally {
    await s.end();
  }
}

mkdirSync(SHOTS, { recursive: true });
await tour("light");
mkdirSync(`${process.env.XDG_CONFIG_HOME}/gtk-3.0`, { recursive: true });
writeFileSync(`${process.env.XDG_CONFIG_HOME}/gtk-3.0/settings.ini`, "[Settings]\ngtk-application-prefer-dark-theme=1\n");
await tour("dark");
console.log("sizes: OK");
