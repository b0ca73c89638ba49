// Pure helpers of the Probes view: grouping results by endpoint, verdict icons and ranks,
// the tasks a check proves, and the endpoints form's text ↔ list conversion. The verdicts'
// words are the library's (lib/vocabulary).
import type { CheckId } from "../../lib/ipc/bindings/CheckId";
import type { ProbeResultDto } from "../../lib/ipc/bindings/ProbeResultDto";
import type { ProbeVerdict } from "../../lib/ipc/bindings/ProbeVerdict";
import type { TaskDto } from "../../lib/ipc/bindings/TaskDto";
import type { EndpointsDto } from "../../lib/ipc/bindings/EndpointsDto";

export type { ProbeVerdict };

/** The icon of each verdict; "could not check" is grey and never looks like a failure. */
export const PROBE_VERDICT_ICONS: Record<ProbeVerdict, string> = {
  pass: "check",
  warn: "warning",
  fail: "block",
  error: "question",
};

const RANK: Record<ProbeVerdict, number> = { fail: 3, error: 2, warn: 1, pass: 0 };

/** The worst verdict of a set: fail, then could not check, then warning, then pass. */
export function worst(verdicts: ProbeVerdict[]): ProbeVerdict {
  let w: ProbeVerdict = "pass";
  for (const v of verdicts) if (RANK[v] > RANK[w]) w = v;
  return w;
}

export type EndpointGroup = {
  endpoint: string;
  label: string;
  verdict: ProbeVerdict;
  results: ProbeResultDto[];
  counts: Record<ProbeVerdict, number>;
};

/** Results grouped by endpoint in first-seen order; inside a group, problems first. */
export function groupByEndpoint(results: ProbeResultDto[]): EndpointGroup[] {
  const groups = new Map<string, EndpointGroup>();
  for (const r of results) {
    const key = `${r.endpoint_label}\u0000${r.endpoint}`;
    let g = groups.get(key);
    if (!g) {
      g = { endpoint: r.endpoint, label: r.endpoint_label, verdict: "pass", results: [], counts: { pass: 0, warn: 0, fail: 0, error: 0 } };
      groups.set(key, g);
    }
    g.results.push(r);
    g.counts[r.verdict] += 1;
  }
  for (const g of groups.values()) {
    g.verdict = worst(g.results.map((r) => r.verdict));
    g.results.sort((a, b) => RANK[b.verdict] - RANK[a.verdict]);
  }
  return [...groups.values()];
}

/** The tasks whose template names `check`: the result is evidence for them. */
export function tasksProvedBy(check: CheckId, tasks: TaskDto[]): TaskDto[] {
  return tasks.filter((t) => t.probes.includes(check));
}

/** "a\n b \n\n" → ["a", "b"]: one entry per line in the form's text areas. */
export function lines(text: string): string[] {
  return text.split(/\r?\n|,/).map((s) => s.trim()).filter(Boolean);
}

/** True when nothing would be probed. */
export function isEmpty(e: EndpointsDto): boolean {
  return (
    e.storefronts.length === 0 && !e.backoffice && !e.merchant_portal && !e.api && !e.gateway && !e.mail_domain
  );
}

export function emptyEndpoints(): EndpointsDto {
  return {
    storefronts: [], backoffice: null, merchant_portal: null, api: null, gateway: null,
    mail_domain: null, dkim_selectors: [], pins: [], ca_files: [], http_port: null,
    sitemap_path: null, nameserver: null,
  };
}
