export type EvidenceDto = { id: number, task_id: string, kind: string, body: string, title: string | null, sha256: string | null, size: number | null, created_at: string, created_by: string, };
