import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { vocabulary } from "./vocabulary.svelte";
import { WORDS } from "./testing";

afterEach(() => {
  clearMocks();
  vocabulary.words = { statuses: [], verdicts: [], phases: [], areas: [], decisions: [], checks: [], probe_verdicts: [] };
});

describe("the vocabulary", () => {
  it("is read once from the shell and names every key in the library's words", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return WORDS;
    });
    await vocabulary.load();
    expect(calls).toEqual(["vocabulary"]);
    expect(vocabulary.status("n/a")).toBe("Not applicable");
    expect(vocabulary.verdict("ready-with-risks")).toBe("Ready with risks");
    expect(vocabulary.phase("launch-day")).toBe("Go-live day");
    expect(vocabulary.area("CLO")).toBe("Cloud");
    expect(vocabulary.decision("no-go")).toBe("No-Go");
    expect(vocabulary.check("robots")).toBe("robots.txt");
    expect(vocabulary.probeVerdict("error")).toBe("Could not check");
    expect(vocabulary.words.statuses.map((s) => s.key)).toEqual(["todo", "in-progress", "done", "blocked", "n/a"]);
  });

  it("lets a key stand for its word when the shell cannot answer", async () => {
    mockIPC(() => {
      throw { kind: "internal", message: "gone" };
    });
    await vocabulary.load();
    expect(vocabulary.status("blocked")).toBe("blocked");
    expect(vocabulary.words.statuses).toEqual([]);
  });
});
