// "Done without evidence?": before a task whose template names evidence is marked done with
// none attached, the app asks once — one question for all the tasks of one change, and not
// again for a task the user already confirmed. The dialog that asks is
// features/task/DoneWithoutEvidenceDialog; the verdict lists such tasks as a risk anyway.
import type { Status } from "./ipc/bindings/Status";
import type { TaskDto } from "./ipc/bindings/TaskDto";

export type Unproven = { id: string; title: string; evidence: string };

/** The tasks that `status` would make done although the evidence they ask for is missing. */
export function unproven(tasks: readonly TaskDto[], status: Status | undefined): Unproven[] {
  if (status !== "done") return [];
  return tasks
    .filter((t) => t.status !== "done" && t.evidence_hint.trim() !== "" && t.evidence_count === 0)
    .map((t) => ({ id: t.id, title: t.title, evidence: t.evidence_hint.trim() }));
}

export class EvidenceGuard {
  /** The open question: the tasks it is about, and how to answer it. */
  pending = $state.raw<{ tasks: Unproven[]; answer: (ok: boolean) => void } | null>(null);
  #confirmed = new Set<string>();

  /** Resolves true when the change may go ahead: nothing to ask, or the user said so. */
  ask(tasks: Unproven[]): Promise<boolean> {
    const open = tasks.filter((t) => !this.#confirmed.has(t.id));
    if (open.length === 0) return Promise.resolve(true);
    // A second question while one is open answers the first with "no": one dialog at a time.
    this.pending?.answer(false);
    return new Promise((resolve) => {
      this.pending = {
        tasks: open,
        answer: (ok) => {
          this.pending = null;
          if (ok) for (const t of open) this.#confirmed.add(t.id);
          resolve(ok);
        },
      };
    });
  }
}

export const evidenceGuard = new EvidenceGuard();
