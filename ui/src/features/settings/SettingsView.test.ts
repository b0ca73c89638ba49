// The Settings view's timestamp authority with the Rust commands answered by a stub: what is
// stored is shown, a URL the library refuses stays in the field with the reason at it, and
// an accepted one (or none) is saved.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { SettingsDto } from "../../lib/ipc/bindings/SettingsDto";
import SettingsView from "./SettingsView.svelte";

const SETTINGS: SettingsDto = {
  user_name: "Mira",
  default_zone: "Europe/Berlin",
  working_days: ["mon", "tue", "wed", "thu", "fri"],
  reminders: true,
  db_path: "/home/mira/.local/share/golive/golive.db",
  data_dir: "/home/mira/.local/share/golive",
};

let stored: string | null;
let calls: [string, unknown][];
let mounted: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  stored = "http://tsa.example.com/tsr";
  calls = [];
  mockIPC(
    (cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "get_settings") return SETTINGS;
      if (cmd === "list_zones") return ["Europe/Berlin", "UTC"];
      if (cmd === "get_timestamp_authority") return stored;
      if (cmd === "set_timestamp_authority") {
        const url = (args as { url: string | null }).url;
        if (url && !/^https?:\/\//.test(url)) throw { kind: "sign-failed", message: `"${url}" is not an http(s) URL of a timestamp authority` };
        stored = url;
        return null;
      }
      return null;
    },
    { shouldMockEvents: true },
  );
  mounted = mount(SettingsView, { target: document.body.appendChild(document.createElement("div")) });
});

afterEach(async () => {
  if (mounted) unmount(mounted);
  mounted = null;
  // The view stops listening to backup progress once unmounted, through the stub.
  await settle();
  clearMocks();
  document.body.innerHTML = "";
});

async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

const field = () => document.querySelector<HTMLInputElement>("[data-testid='tsa-url']")!;
function enter(value: string) {
  field().value = value;
  field().dispatchEvent(new Event("input", { bubbles: true }));
  field().dispatchEvent(new Event("change", { bubbles: true }));
}

describe("the timestamp authority", () => {
  it("shows the one stored, labelled and explained", async () => {
    await settle();
    expect(field().value).toBe("http://tsa.example.com/tsr");
    expect(document.querySelector("label[for='tsa-url']")?.textContent).toBe("Timestamp authority (RFC 3161)");
    expect(document.getElementById(field().getAttribute("aria-describedby")!)?.textContent).toContain("trusted time");
  });

  it("keeps a refused URL in the field with the reason at it", async () => {
    await settle();
    enter("ftp://tsa.example.com");
    await settle();
    expect(field().value).toBe("ftp://tsa.example.com");
    expect(field().getAttribute("aria-invalid")).toBe("true");
    const error = document.querySelector("[data-testid='tsa-error']")!;
    expect(error.textContent).toContain("is not an http(s) URL");
    expect(field().getAttribute("aria-describedby")?.split(" ")).toContain(error.id);
    expect(stored).toBe("http://tsa.example.com/tsr");

    enter("  https://tsa.example.org/tsr ");
    await settle();
    expect(calls.filter(([cmd]) => cmd === "set_timestamp_authority").at(-1)).toEqual(["set_timestamp_authority", { url: "https://tsa.example.org/tsr" }]);
    expect(document.querySelector("[data-testid='tsa-error']")).toBeNull();
    expect(field().hasAttribute("aria-invalid")).toBe(false);
  });

  it("clears it when emptied", async () => {
    await settle();
    enter("");
    await settle();
    expect(calls.filter(([cmd]) => cmd === "set_timestamp_authority")).toEqual([["set_timestamp_authority", { url: null }]]);
    expect(stored).toBeNull();
    expect(field().value).toBe("");
  });
});
