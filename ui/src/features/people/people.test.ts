// A plan's people: owner fields suggest what the library lists (people first, each with its
// role or source), and the People dialog adds and removes them through the commands.
import { afterEach, describe, expect, it } from "vitest";
import { mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import OwnerOptions from "./OwnerOptions.svelte";
import PeopleDialog from "./PeopleDialog.svelte";
import { app } from "../../lib/state.svelte";
import { settle, violations } from "../../lib/testing";
import type { PersonDto } from "../../lib/ipc/bindings/PersonDto";

let mounted: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  clearMocks();
  document.body.innerHTML = "";
});

describe("owner suggestions", () => {
  it("lists the library's names in its order, with role or source as the label", async () => {
    mockIPC((cmd) =>
      cmd === "owner_suggestions"
        ? [
            { name: "Dana", source: "person", detail: "Ops lead" },
            { name: "Jo Client", source: "stakeholder", detail: "CEO" },
            { name: "Agency QA", source: "past-owner", detail: null },
            { name: "Sam", source: "you", detail: null },
          ]
        : [],
    );
    app.selectedId = 1;
    mounted = mount(OwnerOptions, { target: document.body });
    await settle();
    const options = [...document.querySelectorAll("#owners-list option")].map((o) => [o.getAttribute("value"), o.getAttribute("label")]);
    expect(options).toEqual([
      ["Dana", "Ops lead"],
      ["Jo Client", "CEO · stakeholder"],
      ["Agency QA", "owned a task"],
      ["Sam", "you"],
    ]);
  });
});

describe("the People dialog", () => {
  it("adds a person with role and e-mail, shows a refusal, and removes one", async () => {
    let people: PersonDto[] = [];
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const a = args as { name: string; role: string | null; email: string | null };
      if (cmd === "list_people") return people;
      if (cmd === "add_person") {
        if (a.email === "dana@acme") throw { kind: "invalid-input", message: "\"dana@acme\" is not an e-mail address" };
        people = [...people, { id: people.length + 1, gid: "g", name: a.name, role: a.role, email: a.email }];
        return people.at(-1);
      }
      if (cmd === "remove_person") people = people.filter((p) => p.name !== a.name);
      return cmd === "list_plans" ? [] : null;
    });
    HTMLDialogElement.prototype.showModal = function () {
      this.setAttribute("open", "");
    };
    mounted = mount(PeopleDialog, { target: document.body, props: { planId: 1, planName: "Acme", onclose: () => {} } });
    await settle();
    expect(document.querySelector("[data-testid='people-empty']")).not.toBeNull();
    const fill = (id: string, value: string) => {
      const input = document.querySelector<HTMLInputElement>(`[data-testid='${id}']`)!;
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    fill("person-name", "Dana");
    fill("person-role", "Ops lead");
    fill("person-email", "dana@acme");
    document.querySelector<HTMLFormElement>("[data-testid='person-form']")!.requestSubmit();
    await settle();
    expect(document.querySelector("[role='alert']")?.textContent).toContain("not an e-mail address");
    fill("person-email", "dana@acme.example");
    document.querySelector<HTMLFormElement>("[data-testid='person-form']")!.requestSubmit();
    await settle();
    expect(calls.filter(([c]) => c === "add_person").at(-1)).toEqual(["add_person", { planId: 1, name: "Dana", role: "Ops lead", email: "dana@acme.example" }]);
    expect(document.querySelector("[data-testid='person']")?.textContent).toContain("Ops lead · dana@acme.example");
    expect(await violations(document.body)).toEqual([]);
    document.querySelector<HTMLButtonElement>("[data-testid='remove-person']")!.click();
    await settle();
    expect(document.querySelector("[data-testid='person']")).toBeNull();
  });
});
