// The Report view with the Rust commands answered by a stub: a stakeholder leaves the sign-off
// list only after the confirmation, the decisions offered are the library's words, and Verify
// tells each signature's time and whose clock it is, and a removed signature as a problem.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "../../lib/state.svelte";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { board, WORDS } from "../../lib/testing";
import type { StakeholderDto } from "../../lib/ipc/bindings/StakeholderDto";
import type { VerificationDto } from "../../lib/ipc/bindings/VerificationDto";
import ReportView from "./ReportView.svelte";

const person = (name: string): StakeholderDto => ({
  id: name.length,
  gid: `0190b7c4-2a4e-7000-8000-00000000000${name.length}`,
  name,
  role: "Owner",
  email: null,
  decision: null,
  decision_label: null,
  conditions: null,
  decided_on: null,
  fingerprint: null,
  changed_since: [],
  report_id: null,
  condition_tasks: [],
});

let people: StakeholderDto[];
let verification: VerificationDto;
let calls: [string, unknown][];
let mounted: ReturnType<typeof mount> | null;
const showModal = HTMLDialogElement.prototype.showModal;

beforeEach(() => {
  people = [person("Marta Nowak"), person("Ben Ilić")];
  verification = {
    path: "/home/mira/acme-readiness.pdf",
    ok: true,
    signatures: [
      // The consultant's, stamped; a countersignature followed it, so it no longer reaches the end.
      { field: "Consultant", signer: "CN=Mira Consultant,O=Nordlicht", time: "2027-01-11T09:00:00Z", timestamp: "2027-01-11T09:00:02Z", timestamp_authority: "CN=GoLive Test TSA,O=Nordlicht", valid: true, covers_whole_document: false, problems: [] },
      { field: "Countersignature2", signer: "CN=Marta Nowak", time: "D:20270112100000Z", timestamp: null, timestamp_authority: null, valid: true, covers_whole_document: false, problems: [] },
    ],
    removed_signatures: [],
    seal_valid: true,
    seal_problem: null,
    sealed_by: "Mira Consultant",
  };
  calls = [];
  mockIPC(
    (cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "list_stakeholders") return people;
      if (cmd === "list_people") return [{ id: 1, gid: "g", name: "Jo Client", role: "CEO", email: "jo@acme.example" }];
      if (cmd === "plugin:dialog|open") return "/home/mira/acme-readiness.pdf";
      if (cmd === "verify_report") return verification;
      if (cmd === "remove_stakeholder") {
        people = people.filter((p) => p.name !== (args as { name: string }).name);
        return null;
      }
      return null;
    },
    { shouldMockEvents: true },
  );
  // jsdom has <dialog> without its modal mode; open is all the view needs.
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  vocabulary.words = WORDS;
  app.view = "report";
  mounted = mount(ReportView, { target: document.body.appendChild(document.createElement("div")), props: { board: board() } });
});

afterEach(async () => {
  if (mounted) unmount(mounted);
  // The view stops listening to export progress once unmounted, through the stub.
  await settle();
  HTMLDialogElement.prototype.showModal = showModal;
  app.view = "checklist";
  clearMocks();
  document.body.innerHTML = "";
});

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

const names = () => [...document.querySelectorAll("[data-testid='stakeholder'] .name")].map((n) => n.textContent);
const removes = () => calls.filter(([cmd]) => cmd === "remove_stakeholder");

describe("removing a stakeholder", () => {
  it("asks first, and Cancel keeps them", async () => {
    await settle();
    expect(names()).toEqual(["Marta Nowak", "Ben Ilić"]);
    document.querySelectorAll<HTMLButtonElement>("[data-testid='remove-stakeholder']")[1].click();
    flushSync();
    const dialog = document.querySelector("[data-testid='confirm-remove-stakeholder']");
    expect(dialog?.textContent).toContain("Remove “Ben Ilić”?");
    [...dialog!.querySelectorAll("button")].find((b) => b.textContent === "Cancel")!.click();
    await settle();
    expect(document.querySelector("[data-testid='confirm-remove-stakeholder']")).toBeNull();
    expect(removes()).toEqual([]);
    expect(names()).toEqual(["Marta Nowak", "Ben Ilić"]);
  });

  it("removes them once confirmed and shows the list without them", async () => {
    await settle();
    document.querySelectorAll<HTMLButtonElement>("[data-testid='remove-stakeholder']")[1].click();
    flushSync();
    document.querySelector<HTMLButtonElement>("[data-testid='confirm-remove']")!.click();
    await settle();
    expect(removes()).toEqual([["remove_stakeholder", { planId: 1, name: "Ben Ilić" }]]);
    expect(document.querySelector("[data-testid='confirm-remove-stakeholder']")).toBeNull();
    expect(names()).toEqual(["Marta Nowak"]);
  });
});

describe("the decisions offered", () => {
  it("are the library's, in its words", async () => {
    await settle();
    const choices = [...document.querySelectorAll("[data-testid='stakeholder']")][0].querySelectorAll("[role='radio']");
    expect([...choices].map((c) => c.textContent)).toEqual(["Go", "Go with conditions", "No-Go"]);
  });
});

describe("verifying a report", () => {
  async function verify() {
    await settle();
    document.querySelector<HTMLButtonElement>("[data-testid='verify-report']")!.click();
    await settle();
    return document.querySelector<HTMLElement>("[data-testid='verification']")!;
  }
  const signatures = () => [...document.querySelectorAll("[data-testid='signature']")].map((s) => s.textContent?.replace(/\s+/g, " ").trim());

  it("tells each signature's time and whose clock it is, judged by validity alone", async () => {
    const shown = await verify();
    expect(calls.find(([cmd]) => cmd === "verify_report")).toEqual(["verify_report", { path: "/home/mira/acme-readiness.pdf" }]);
    expect(shown.dataset.ok).toBe("true");
    expect(shown.textContent).toContain("Authentic and unchanged");
    const [first, second] = signatures();
    expect(first).toMatch(/^Signed by Mira Consultant Signed .+ 2027, \d\d:\d\d — trusted timestamp by GoLive Test TSA$/);
    expect(second).toMatch(/^Signed by Marta Nowak Signed .+ 2027, \d\d:\d\d — time from the signer's own clock \(no timestamp\)$/);
    expect(shown.textContent).not.toContain("NOT");
  });

  it("names a removed signature as a problem", async () => {
    verification = { ...verification, ok: false, removed_signatures: ["Countersignature3"] };
    const shown = await verify();
    expect(shown.textContent).toContain("Do not trust this file");
    const bad = [...shown.querySelectorAll("li.bad")].map((l) => l.textContent?.trim());
    expect(bad).toEqual(["Signature Countersignature3 was removed in a later revision: a decision has disappeared"]);
  });

  it("lists what is wrong with an invalid signature", async () => {
    verification = {
      ...verification,
      ok: false,
      signatures: [{ ...verification.signatures[0], valid: false, problems: ["digest mismatch: the signed content was changed"] }],
    };
    await verify();
    const [only] = document.querySelectorAll("[data-testid='signature']");
    expect(only.getAttribute("data-valid")).toBe("false");
    expect(only.textContent).toContain("Mira Consultant — NOT valid");
    expect(only.querySelector(".problems")?.textContent).toBe("digest mismatch: the signed content was changed");
  });

});

describe("a decision on an earlier state", () => {
  it("says when a decision was made on an earlier state of the plan", async () => {
    if (mounted) unmount(mounted);
    people = [{ ...person("Marta Nowak"), decision: "go", decision_label: "Go", decided_on: "2027-01-11", changed_since: ["GEN-01: To do → Done"] }];
    mounted = mount(ReportView, { target: document.body.appendChild(document.createElement("div")), props: { board: board() } });
    await settle();
    const stale = document.querySelector('[data-testid="decision-stale"]');
    expect(stale?.textContent).toContain("Made on an earlier state of the plan — re-confirm. Since then: GEN-01: To do → Done.");
  });
});
