// The words of the library's vocabulary (statuses, verdicts, phases, areas, decisions, probe
// checks and their verdicts), read once from the desktop shell at start. The keys are the
// generated bindings' types; the words are the library's `label()`s. Nothing here keeps its
// own copy of them: until they arrive (or if they never do) a key stands for itself.
import { vocabulary as readVocabulary } from "./ipc/settings";
import type { Area } from "./ipc/bindings/Area";
import type { CheckId } from "./ipc/bindings/CheckId";
import type { Decision } from "./ipc/bindings/Decision";
import type { Phase } from "./ipc/bindings/Phase";
import type { ProbeVerdict } from "./ipc/bindings/ProbeVerdict";
import type { Status } from "./ipc/bindings/Status";
import type { Term } from "./ipc/bindings/Term";
import type { Verdict } from "./ipc/bindings/Verdict";
import type { VocabularyDto } from "./ipc/bindings/VocabularyDto";

export type { Term };

const NONE: VocabularyDto = { statuses: [], verdicts: [], phases: [], areas: [], decisions: [], checks: [], probe_verdicts: [] };

function word<K extends string>(terms: Term<K>[], key: K): string {
  return terms.find((t) => t.key === key)?.label ?? key;
}

class Vocabulary {
  /** Every list in the library's order, e.g. the statuses as a status menu offers them. */
  words = $state.raw<VocabularyDto>(NONE);

  /** Reads the words; a failure leaves the keys standing in for them. */
  async load(): Promise<void> {
    try {
      this.words = await readVocabulary();
    } catch {
      // The app still works on keys; every view shows something rather than nothing.
    }
  }

  status(key: Status): string {
    return word(this.words.statuses, key);
  }

  verdict(key: Verdict): string {
    return word(this.words.verdicts, key);
  }

  phase(key: Phase): string {
    return word(this.words.phases, key);
  }

  area(key: Area): string {
    return word(this.words.areas, key);
  }

  decision(key: Decision): string {
    return word(this.words.decisions, key);
  }

  check(key: CheckId): string {
    return word(this.words.checks, key);
  }

  probeVerdict(key: ProbeVerdict): string {
    return word(this.words.probe_verdicts, key);
  }
}

export const vocabulary = new Vocabulary();
