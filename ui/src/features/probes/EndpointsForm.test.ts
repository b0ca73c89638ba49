// The endpoint form saves only what the user changed. Regression: saving after adding a
// storefront once set the saved mail domain to empty — the form had been filled from an
// earlier answer (no mail domain yet) and sent every field as it showed them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { EndpointsDto } from "../../lib/ipc/bindings/EndpointsDto";
import EndpointsForm from "./EndpointsForm.svelte";
import { settle } from "../../lib/testing";

const EMPTY: EndpointsDto = {
  storefronts: [],
  backoffice: null,
  merchant_portal: null,
  api: null,
  gateway: null,
  mail_domain: null,
  dkim_selectors: [],
  pins: [],
  ca_files: [],
  http_port: null,
  sitemap_path: null,
  nameserver: null,
};

// What the database holds: set meanwhile by the CLI or another window.
let stored: EndpointsDto;
let saves: EndpointsDto[];
let mounted: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  stored = { ...EMPTY, storefronts: ["https://shop.example.com/"], mail_domain: "acme.de", dkim_selectors: ["s1"], backoffice: "https://admin.example.com/" };
  saves = [];
  mockIPC((cmd, args) => {
    if (cmd === "probe_endpoints") return { endpoints: stored, checks: [] };
    if (cmd === "save_probe_endpoints") {
      stored = (args as { endpoints: EndpointsDto }).endpoints;
      saves.push(stored);
      return { endpoints: stored, checks: [] };
    }
    return null;
  });
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = "";
  clearMocks();
});

function input(name: string): HTMLInputElement | HTMLTextAreaElement {
  return document.querySelector(`[name='${name}']`)!;
}

describe("the endpoint form", () => {
  it("changes only the field the user changed, whatever answer it was filled from", async () => {
    // Filled from an earlier, partial answer: storefront only, no mail domain yet.
    const earlier = { ...EMPTY, storefronts: ["https://shop.example.com/"] };
    mounted = mount(EndpointsForm, { target: document.body, props: { planId: 1, endpoints: earlier, onsaved: () => {} } });
    flushSync();
    expect(input("mail-domain").value).toBe("");

    const storefronts = input("storefronts");
    storefronts.value = "https://shop.example.com/\nhttps://shop.example.com/de/";
    storefronts.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    document.querySelector<HTMLButtonElement>("[data-testid='save-endpoints']")!.click();
    await settle();

    expect(saves).toHaveLength(1);
    expect(stored.storefronts).toEqual(["https://shop.example.com/", "https://shop.example.com/de/"]);
    expect(stored.mail_domain).toBe("acme.de");
    expect(stored.dkim_selectors).toEqual(["s1"]);
    expect(stored.backoffice).toBe("https://admin.example.com/");
    expect({ ...stored, storefronts: [] }).toEqual({ ...EMPTY, mail_domain: "acme.de", dkim_selectors: ["s1"], backoffice: "https://admin.example.com/" });
    // The form now shows what was saved.
    expect(input("mail-domain").value).toBe("acme.de");
  });

  it("clears a field the user emptied", async () => {
    mounted = mount(EndpointsForm, { target: document.body, props: { planId: 1, endpoints: stored, onsaved: () => {} } });
    flushSync();
    const mail = input("mail-domain");
    mail.value = "";
    mail.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    document.querySelector<HTMLButtonElement>("[data-testid='save-endpoints']")!.click();
    await settle();
    expect(stored.mail_domain).toBeNull();
    expect(stored.backoffice).toBe("https://admin.example.com/");
  });
});
