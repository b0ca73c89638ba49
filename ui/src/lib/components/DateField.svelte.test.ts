// The date field in the user's format: a typed date is read in that format or refused with a
// hint (the value kept), the picker's weeks start on the user's first weekday, and paging its
// months leaves the value alone; only choosing a day sets it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import DateField from "./DateField.svelte";
import { dates } from "../dates.svelte";
import { settle, violations } from "../testing";

let mounted: ReturnType<typeof mount> | null = null;
let seen: string[];
const props = $state({ value: "2027-05-31" });

function field() {
  seen = [];
  const main = document.body.appendChild(document.createElement("main"));
  mounted = mount(DateField, {
    target: main,
    props: {
      get value() {
        return props.value;
      },
      set value(v: string) {
        props.value = v;
      },
      label: "Launch date",
      today: "2027-05-20",
      onchange: (iso: string) => seen.push(iso),
    },
  });
  flushSync();
  return document.querySelector<HTMLInputElement>("input")!;
}

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  flushSync();
}

beforeEach(() => {
  props.value = "2027-05-31";
  dates.set("dmy-dot");
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = "";
  dates.set("system");
});

describe("DateField", () => {
  it("shows and reads the user's format", () => {
    const input = field();
    expect(input.value).toBe("31.05.2027");
    // Regression: 01052027 became 12/26/2027 in the webview's date input.
    type(input, "01052027");
    expect(props.value).toBe("2027-05-01");
    expect(input.value).toBe("01.05.2027");
    expect(seen).toEqual(["2027-05-01"]);
  });

  it("refuses what is no date in the format, with a hint, and keeps the value", () => {
    const input = field();
    type(input, "31.02.2027");
    expect(props.value).toBe("2027-05-31");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.querySelector("[role='alert']")?.textContent).toContain("DD.MM.YYYY");
    expect(seen).toEqual([]);
  });

  it("pages months without changing the value; a chosen day sets it", async () => {
    field();
    document.querySelector<HTMLButtonElement>("[data-testid='date-picker-button']")!.click();
    await settle(2);
    const picker = document.querySelector("[data-testid='date-picker']")!;
    expect([...picker.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]);
    expect(picker.querySelector("[data-testid='picker-month']")?.textContent).toBe("May 2027");
    document.querySelector<HTMLButtonElement>("[data-testid='picker-next']")!.click();
    document.querySelector<HTMLButtonElement>("[data-testid='picker-next']")!.click();
    flushSync();
    expect(picker.querySelector("[data-testid='picker-month']")?.textContent).toBe("July 2027");
    expect(props.value).toBe("2027-05-31");
    expect(seen).toEqual([]);
    expect(await violations(document.body)).toEqual([]);
    document.querySelector<HTMLButtonElement>("[data-day='2027-07-05']")!.click();
    flushSync();
    expect(props.value).toBe("2027-07-05");
    expect(seen).toEqual(["2027-07-05"]);
    expect(document.querySelector("[data-testid='date-picker']")).toBeNull();
  });

  it("starts the week on Sunday where the format does", async () => {
    dates.set("mdy");
    const input = field();
    expect(input.value).toBe("05/31/2027");
    document.querySelector<HTMLButtonElement>("[data-testid='date-picker-button']")!.click();
    await settle(2);
    expect(document.querySelector("th")?.textContent).toBe("Su");
  });
});
