// The one door to the Rust commands: a registered command's name (the generated `Command`
// union) and typed arguments in, `CommandError` out.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";
import type { Command } from "./bindings/commands";
import type { ErrorKind } from "./bindings/ErrorKind";

export type { Command, CommandError, ErrorKind };

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Normalises anything thrown by `invoke` into `{ kind, message }`. */
export function toCommandError(e: unknown): CommandError {
  // The shell only sends its own kinds; anything else (an argument the shell refused before
  // the command ran, a crash in the webview) is internal.
  if (isCommandError(e)) return { kind: e.kind as ErrorKind, message: String(e.message) };
  if (e instanceof Error) return { kind: "internal", message: e.message };
  return { kind: "internal", message: String(e) };
}

export async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toCommandError(e);
  }
}
