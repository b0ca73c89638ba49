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

/** In the Report view: the risk register names the unowned blocking tasks. */
export async function riskRegister(s, { step }) {
  step("the Report view shows the risk register: unowned blocking tasks, with their dates");
  await s.waitFor("[data-testid='risk-register']", { text: (t) => t.includes("Blocking, no owner") && t.includes("no owner") });
}
