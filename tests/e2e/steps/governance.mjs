// End-to-end steps for what the report is made of: a blocked status asks for its reason in
// the task drawer and keeps it; the Report view shows the risk register the report prints.

/** Blocks the task `rowId` from its drawer, giving the reason the drawer asks for. */
export async function blockWithReason(s, { step, accessible, rowId }) {
  step("block a task from its drawer: it asks why, and the reason stays with the task");
  await s.click(await s.find(`[data-task='${rowId}'] .title`));
  await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes(rowId) });
  const select = await s.find("[data-testid='drawer-status']");
  await s.exec("arguments[0].value = 'blocked'; arguments[0].dispatchEvent(new Event('change', {bubbles:true}))", [select]);
  await s.type(await s.waitFor("[data-testid='blocked-reason']"), "Waiting for the CDN contract");
  await s.click(await s.find("[data-testid='save-blocked']"));
  await s.waitFor("[data-testid='blocked-why']", { text: (t) => t.includes("Waiting for the CDN contract") });
  await accessible(s, "a blocked task with its reason");
}

/** In the Report view: the risk register, most pressing first, each risk with its owner. */
export async function riskRegister(s, { step }) {
  step("the Report view shows the risk register, each risk with its task, owner and date");
  const register = await s.waitFor("[data-testid='risk-register']", { text: (t) => /Risk register \(\d+\)/i.test(t) && t.includes("no owner") });
  const shown = await s.exec("return arguments[0].querySelectorAll(\"[data-testid='risk']\").length", [register]);
  if (shown < 1) throw new Error("the risk register lists no risk on a fresh plan with open blockers");
}
