// The app's shared state (Svelte 5 runes): plans, the open plan's board, the current view.
import type { PlanSummaryDto } from "./ipc/bindings/PlanSummaryDto";
import type { BoardDto } from "./ipc/bindings/BoardDto";
import type { TaskDto } from "./ipc/bindings/TaskDto";
import type { CommandError } from "./ipc/core";
import { toCommandError } from "./ipc/core";
import * as plans from "./ipc/plans";
import * as items from "./ipc/items";
import type { ItemChangeDto } from "./ipc/bindings/ItemChangeDto";

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

  /** Saves a task change, refreshes the board and the sidebar verdict, and says so quietly. */
  async change(taskId: string, change: ItemChangeDto, undo?: ItemChangeDto) {
    const planId = this.selectedId;
    if (planId === null) return;
    this.saving = true;
    try {
      await items.updateItem(planId, taskId, change);
      await this.refresh();
      this.lastSaved = new Date();
      if (undo) {
        this.toast(`${taskId} updated`, "ok", {
          label: "Undo",
          run: () => void this.change(taskId, undo),
        });
      }
    } catch (e) {
      this.fail(e);
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

export const app = new AppState();
