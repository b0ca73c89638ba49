// End-to-end steps for correcting evidence in the open task's drawer: a bare host typed into
// the link form gets https:// and Enter in the title adds it; Cancel forgets what the form
// held; the link is corrected in place, then retracted with a reason, and stays listed,
// struck through, with who retracted it and why.
import assert from "node:assert/strict";

/** Runs the steps on the task drawer that is open; helpers as in desktop.test.mjs. */
export async function correctEvidence(s, { step, shot, accessible, until }) {
  step("evidence: a bare host gets https://, Enter in the title adds the link");
  const before = (await s.findAll("[data-testid='evidence-item']")).length;
  await s.click(await s.find("[data-testid='add-link']"));
  await s.type(await s.waitFor("[data-testid='link-url']"), "status.exmaple.com/ok");
  await s.type(await s.find("[data-testid='link-title']"), "Status page\uE007");
  await until(s, `return document.querySelectorAll("[data-testid='evidence-item']").length === ${before + 1}`, "the link to be added");
  const link = await s.exec("return [...document.querySelectorAll(\"[data-testid='evidence-item']\")].at(-1).dataset.evidence");
  const item = `[data-testid='evidence-item'][data-evidence='${link}']`;
  await s.waitFor(item, { text: (t) => t.includes("https://status.exmaple.com/ok") });

  step("evidence: Cancel forgets the address and the error it had");
  await s.click(await s.find("[data-testid='add-link']"));
  await s.type(await s.waitFor("[data-testid='link-url']"), "not a link\uE007");
  await s.waitFor("[data-testid='evidence'] [role='alert']", { text: (t) => t.includes("not a link") });
  await s.click(await s.find("[data-testid='cancel-link']"));
  await s.click(await s.find("[data-testid='add-link']"));
  const url = await s.waitFor("[data-testid='link-url']");
  assert.equal(await s.exec("return arguments[0].value", [url]), "", "Cancel kept the old address");
  assert.equal(await s.exec("return !!document.querySelector(\"[data-testid='evidence'] [role='alert']\")"), false, "Cancel kept the old error");
  await s.click(await s.find("[data-testid='cancel-link']"));

  step("evidence: the mistyped link is corrected in place");
  await s.click(await s.find(`${item} [data-testid='evidence-edit']`));
  const edit = await s.waitFor(`${item} [data-testid='evidence-edit-url']`);
  await s.exec("arguments[0].select()", [edit]);
  await s.type(edit, "status.example.com/ok\uE007");
  await s.waitFor(item, { text: (t) => t.includes("https://status.example.com/ok") && t.includes("corrected") });

  step("evidence: retracted with a reason, it stays listed, struck through, with the reason");
  await s.click(await s.find(`${item} [data-testid='evidence-retract']`));
  await s.type(await s.waitFor(`${item} [data-testid='retract-reason']`), "Wrong task: this is the shop's status page\uE007");
  await s.waitFor(`${item}[data-retracted='true'] [data-testid='retracted-note']`, { text: (t) => t.includes("Wrong task") });
  await s.waitFor("[data-testid='task-drawer']", { text: (t) => t.includes("Retracted a link") });
  await shot(s, "evidence-retracted");
  await accessible(s, "the drawer with corrected and retracted evidence");
}
