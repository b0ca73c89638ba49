// The app's shared state (Svelte 5 runes): plans, the open plan's board, the current view.
import type { PlanSummaryDto } from "./ipc/bindings/PlanSummaryDto";
import type { BoardDto } from "./ipc/bindings/BoardDto";
import type { TaskDto } from "./ipc/bindings/TaskDto";
import type { CommandError } from "./ipc/core";
import { toCommandError } from "./ipc/core";
import * as plans from "./ipc/plans";
import * as items from "./ipc/items";
import type { ItemChangeDto } from "./ipc/bindings/ItemChangeDto";
import type { TaskChangeDto } from "./ipc/bindings/TaskChangeDto";
import { evidenceGuard, unproven } from "./evidenceGuard.svelte";

export type View = "timeline" | "checklist" | "probes" | "report" | "settings" | "agenda";

/** The views of no one plan: they replace the open plan in the window. */
export const ACROSS_PLANS: readonly View[] = ["settings", "agenda"];

type Toast = { id: number; text: string; tone: "info" | "error" | "ok"; action?: { label: string; run: () => void } };

class AppState {
  plans = $state.raw<PlanSummaryDto[]>([]);
  plansLoading = $state(true);
  plansError = $state<CommandError | null>(null);
  showArchived = $state(false);

  selectedId = $state<number | null>(null);
  board = $state.raw<BoardDto | null>(null);
  boardLoading = $state(false);
  boardError = $state<CommandError | null>(null);

  view = $state<View>("checklist");
  openTaskId = $state<string | null>(null);
  toasts = $state<Toast[]>([]);
  saving = $state(false);
  lastSaved = $state<Date | null>(null);
  /** Bumped after every change so open panels (history, evidence) reload. */
  revision = $state(0);

  private toastSeq = 0;

  get openTask(): TaskDto | null {
    if (!this.board || !this.openTaskId) return null;
    return this.board.tasks.find((t) => t.id === this.openTaskId) ?? null;
  }

  toast(text: string, tone: Toast["tone"] = "info", action?: Toast["action"]) {
    const id = ++this.toastSeq;
    // One undo at a time, and never a pile: the newest three stay.
    const kept = action ? this.toasts.filter((t) => !t.action) : this.toasts;
    this.toasts = [...kept, { id, text, tone, action }].slice(-3);
    setTimeout(() => this.dismiss(id), action ? 8000 : 4000);
  }

  dismiss(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  fail(e: unknown) {
    this.toast(toCommandError(e).message, "error");
  }

  async loadPlans() {
    this.plansError = null;
    try {
      this.plans = await plans.listPlans(this.showArchived);
      if (this.selectedId === null && this.plans.length > 0) {
        const firstActive = this.plans.find((p) => !p.archived) ?? this.plans[0];
        await this.select(firstActive.id);
      }
    } catch (e) {
      this.plansError = toCommandError(e);
    } finally {
      this.plansLoading = false;
    }
  }

  async select(id: number | null) {
    this.selectedId = id;
    this.openTaskId = null;
    if (ACROSS_PLANS.includes(this.view)) this.view = "checklist";
    await this.loadBoard();
  }

  /** Opens a task of any plan: selects the plan, shows its checklist, opens the task. */
  async openTaskIn(planId: number, taskId: string) {
    await this.select(planId);
    this.view = "checklist";
    this.openTaskId = taskId;
  }

  async loadBoard(quiet = false) {
    const id = this.selectedId;
    if (id === null) {
      this.board = null;
      return;
    }
    if (!quiet) this.boardLoading = true;
    this.boardError = null;
    try {
      const board = await plans.planBoard(id);
      if (this.selectedId === id) this.board = board;
    } catch (e) {
      this.boardError = toCommandError(e);
      this.board = null;
    } finally {
      this.boardLoading = false;
    }
  }

  /** Asks "Done without evidence?" when the change would need it; true to go ahead. */
  async #mayChange(taskIds: readonly string[], change: ItemChangeDto): Promise<boolean> {
    const ids = new Set(taskIds);
    const tasks = this.board?.tasks.filter((t) => ids.has(t.id)) ?? [];
    return evidenceGuard.ask(unproven(tasks, change.status ?? undefined));
  }

  /** Saves a task change, refreshes the board and the sidebar verdict, and says so quietly.
      An undo is never asked about: it puts back what was. */
  async change(taskId: string, change: ItemChangeDto, undo?: ItemChangeDto, ask = true) {
    const planId = this.selectedId;
    if (planId === null) return;
    if (ask && !(await this.#mayChange([taskId], change))) return;
    this.saving = true;
    try {
      await items.updateItem(planId, taskId, change);
      await this.refresh();
      this.lastSaved = new Date();
      if (undo) {
        this.toast(`${taskId} updated`, "ok", {
          label: "Undo",
          run: () => void this.change(taskId, undo, undefined, false),
        });
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.saving = false;
    }
  }

  /** Saves the same change to many tasks in one transaction, with one Undo that puts each
      task's own old values back (also in one transaction). Answers whether it was saved. */
  async changeMany(taskIds: readonly string[], change: ItemChangeDto, what: string): Promise<boolean> {
    const planId = this.selectedId;
    if (planId === null || taskIds.length === 0) return false;
    if (!(await this.#mayChange(taskIds, change))) return false;
    const before = new Map(this.board?.tasks.map((t) => [t.id, t]) ?? []);
    const undo: TaskChangeDto[] = taskIds.flatMap((id) => {
      const t = before.get(id);
      return t ? [{ task_id: id, change: previous(t, change) }] : [];
    });
    const ok = await this.#save(planId, taskIds.map((id) => ({ task_id: id, change })));
    if (ok) {
      const n = taskIds.length;
      this.toast(`${what} for ${n} ${n === 1 ? "task" : "tasks"}`, "ok", {
        label: "Undo",
        run: () => void this.#save(planId, undo),
      });
    }
    return ok;
  }

  async #save(planId: number, changes: TaskChangeDto[]): Promise<boolean> {
    this.saving = true;
    try {
      await items.updateItems(planId, changes);
      await this.refresh();
      this.lastSaved = new Date();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    } finally {
      this.saving = false;
    }
  }

  async refresh() {
    this.revision += 1;
    await Promise.all([this.loadBoard(true), this.reloadPlanList()]);
  }

  async reloadPlanList() {
    try {
      this.plans = await plans.listPlans(this.showArchived);
    } catch (e) {
      this.plansError = toCommandError(e);
    }
  }
}

/** What undoes `change` on `task`: its old value of each field the change sets. */
export function previous(task: TaskDto, change: ItemChangeDto): ItemChangeDto {
  const back: ItemChangeDto = {};
  if (change.status !== undefined) back.status = task.status;
  if (change.owner !== undefined) back.owner = task.owner;
  if (change.pin_due !== undefined || change.unpin_due) {
    if (task.pinned) back.pin_due = task.due;
    else back.unpin_due = true;
  }
  if (change.waiver !== undefined) back.waiver = task.waiver;
  return back;
}

export const app = new AppState();
