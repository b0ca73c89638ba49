// The one door to the Rust commands: typed arguments in, `CommandError` out.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";

export type { CommandError };

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Normalises anything thrown by `invoke` into `{ kind, message }`. */
export function toCommandError(e: unknown): CommandError {
  if (isCommandError(e)) return { kind: String(e.kind), message: String(e.message) };
  if (e instanceof Error) return { kind: "internal", message: e.message };
  return { kind: "internal", message: String(e) };
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toCommandError(e);
  }
}
