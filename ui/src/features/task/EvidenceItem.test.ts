// Correcting one evidence item: a link is edited in place (a bare host gets https://), any
// item is retracted with a reason and then shows who retracted it and why.
import { afterEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import EvidenceItem from "./EvidenceItem.svelte";
import { settle, violations } from "../../lib/testing";
import type { EvidenceDto } from "../../lib/ipc/bindings/EvidenceDto";

const LINK: EvidenceDto = {
  id: 7,
  gid: "0190b7c4-2a4e-7000-8000-000000000007",
  task_id: "GEN-01",
  kind: "link",
  body: "https://status.exmaple.com",
  title: "Status",
  sha256: null,
  size: null,
  created_at: "2027-01-11T10:00:00Z",
  created_by: "Mira",
  edited_at: null,
  edited_by: null,
  retracted_at: null,
  retracted_by: null,
  retract_reason: null,
};

let mounted: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  clearMocks();
  document.body.innerHTML = "";
});

function record(): [string, unknown][] {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return cmd === "list_plans" ? [] : null;
  });
  return calls;
}

describe("an evidence item", () => {
  it("edits a link in place: Enter saves, with https:// before a bare host", async () => {
    const calls = record();
    const ul = document.body.appendChild(document.createElement("main")).appendChild(document.createElement("ul"));
    mounted = mount(EvidenceItem, { target: ul, props: { ev: LINK, planId: 1 } });
    document.querySelector<HTMLButtonElement>("[data-testid='evidence-edit']")!.click();
    await settle();
    const url = document.querySelector<HTMLInputElement>("[data-testid='evidence-edit-url']")!;
    url.value = "status.example.com/ok";
    url.dispatchEvent(new Event("input", { bubbles: true }));
    url.form!.requestSubmit();
    await settle();
    expect(calls.find(([cmd]) => cmd === "edit_link")).toEqual(["edit_link", { planId: 1, evidenceId: 7, url: "https://status.example.com/ok", title: "Status" }]);
  });

  it("retracts with a reason, and a retracted item says who and why, with no tools left", async () => {
    const calls = record();
    const ul = document.body.appendChild(document.createElement("main")).appendChild(document.createElement("ul"));
    mounted = mount(EvidenceItem, { target: ul, props: { ev: LINK, planId: 1 } });
    document.querySelector<HTMLButtonElement>("[data-testid='evidence-retract']")!.click();
    await settle();
    const confirm = document.querySelector<HTMLButtonElement>("[data-testid='retract-confirm']")!;
    expect(confirm.disabled).toBe(true);
    const reason = document.querySelector<HTMLInputElement>("[data-testid='retract-reason']")!;
    reason.value = "Wrong task";
    reason.dispatchEvent(new Event("input", { bubbles: true }));
    reason.form!.requestSubmit();
    await settle();
    expect(calls.find(([cmd]) => cmd === "retract_evidence")).toEqual(["retract_evidence", { planId: 1, evidenceId: 7, reason: "Wrong task" }]);
    expect(await violations(document.body)).toEqual([]);
    unmount(mounted!);

    mounted = mount(EvidenceItem, {
      target: ul,
      props: { ev: { ...LINK, retracted_at: "2027-01-12T09:00:00Z", retracted_by: "Jonas", retract_reason: "Wrong task" }, planId: 1 },
    });
    await settle();
    expect(document.querySelector("[data-testid='retracted-note']")?.textContent).toContain("Retracted by Jonas");
    expect(document.querySelector("[data-testid='retracted-note']")?.textContent).toContain("Wrong task");
    expect(document.querySelector("[data-testid='evidence-edit'], [data-testid='evidence-retract']")).toBeNull();
  });
});
