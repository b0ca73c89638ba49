// What the keyboard does to a status. How a status looks is StatusIcon's (shape and colour,
// so colour is never the only signal); its words come from the library (lib/vocabulary).
import type { Status } from "./ipc/bindings/Status";

/** Space on a row: done ↔ to do (anything open becomes done). */
export function toggledStatus(key: Status): Status {
  return key === "done" ? "todo" : "done";
}
