// The Report view's sign-off list with the Rust commands answered by a stub: a stakeholder
// leaves it only after the confirmation, and the decisions offered are the library's words.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { vocabulary } from "../../lib/vocabulary.svelte";
import { board, WORDS } from "../../lib/testing";
import type { StakeholderDto } from "../../lib/ipc/bindings/StakeholderDto";
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
});

let people: StakeholderDto[];
let calls: [string, unknown][];
let mounted: ReturnType<typeof mount> | null;
const showModal = HTMLDialogElement.prototype.showModal;

beforeEach(() => {
  people = [person("Marta Nowak"), person("Ben Ilić")];
  calls = [];
  mockIPC(
    (cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "list_stakeholders") return people;
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
  mounted = mount(ReportView, { target: document.body.appendChild(document.createElement("div")), props: { board: board() } });
});

afterEach(async () => {
  if (mounted) unmount(mounted);
  // The view stops listening to export progress once unmounted, through the stub.
  await settle();
  HTMLDialogElement.prototype.showModal = showModal;
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
