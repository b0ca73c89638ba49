// End-to-end steps for a plan's people: added in the plan menu's People… dialog, they are
// what owner fields suggest first.

/** Runs the steps on the open plan; helpers as in desktop.test.mjs. */
export async function planPeople(s, { step, shot, accessible, until }) {
  step("people: add the client's ops lead in the plan menu; owner fields suggest her");
  // A click outside the drawer (below 1440 px it lies over the plan) closes it; it is opened
  // again at the end for the steps after these.
  const openTask = await s.exec("return document.querySelector(\"[data-testid='task-drawer'] header .id\")?.textContent.split(' ')[0] ?? null");
  await s.click(await s.find("[data-testid='plan-row'][aria-current='true'] + button[aria-haspopup='menu']"));
  await s.click(await s.waitFor("[data-testid='plan-people']"));
  const name = await s.waitFor("[data-testid='person-name']");
  await s.type(name, "Dana Ops");
  await s.type(await s.find("[data-testid='person-role']"), "Ops lead (client)");
  await s.type(await s.find("[data-testid='person-email']"), "dana@acme.example\uE007");
  // textContent: WebDriver's element text reads empty inside the modal's top layer.
  await until(s, "const p = document.querySelector(\"[data-testid='person']\")?.textContent ?? ''; return p.includes('Dana Ops') && p.includes('Ops lead (client)')", "Dana on the list");
  await shot(s, "people");
  await accessible(s, "the people dialog");
  await s.press("\uE00C");
  await until(s, "return !document.querySelector(\"[data-testid='people-dialog']\")", "Esc to close the people dialog");
  await until(s, "return document.querySelector(\"#owners-list option[value='Dana Ops']\")?.label.startsWith('Ops lead (client)')", "Dana in the owner suggestions");
  if (openTask && !(await s.exec("return !!document.querySelector(\"[data-testid='task-drawer']\")"))) {
    await s.click(await s.find(`[data-task='${openTask}'] .title`));
    await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes(openTask) });
  }
}
