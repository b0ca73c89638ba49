import { call } from "./core";
import type { EvidenceDto } from "./bindings/EvidenceDto";

export const listEvidence = (planId: number, taskId: string) =>
  call<EvidenceDto[]>("list_evidence", { planId, taskId });
export const addNote = (planId: number, taskId: string, markdown: string) =>
  call<EvidenceDto>("add_note", { planId, taskId, markdown });
export const addLink = (planId: number, taskId: string, url: string, title: string | null) =>
  call<EvidenceDto>("add_link", { planId, taskId, url, title });
export const addFile = (planId: number, taskId: string, path: string) =>
  call<EvidenceDto>("add_file", { planId, taskId, path });
export const openEvidenceFile = (planId: number, evidenceId: number) =>
  call<void>("open_evidence_file", { planId, evidenceId });
export const editNote = (planId: number, evidenceId: number, markdown: string) =>
  call<EvidenceDto>("edit_note", { planId, evidenceId, markdown });
export const editLink = (planId: number, evidenceId: number, url: string, title: string | null) =>
  call<EvidenceDto>("edit_link", { planId, evidenceId, url, title });
export const retractEvidence = (planId: number, evidenceId: number, reason: string) =>
  call<EvidenceDto>("retract_evidence", { planId, evidenceId, reason });
