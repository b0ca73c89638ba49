import { call } from "./core";
import type { CheckId } from "./bindings/CheckId";
import type { EndpointsDto } from "./bindings/EndpointsDto";
import type { ProbeRunDto } from "./bindings/ProbeRunDto";
import type { ProbeRunResultsDto } from "./bindings/ProbeRunResultsDto";
import type { ProbeSetupDto } from "./bindings/ProbeSetupDto";
import type { RunDiffDto } from "./bindings/RunDiffDto";
import type { SavedLoginDto } from "./bindings/SavedLoginDto";

/** A staging login typed for a run; `remember` keeps it in the OS keyring. */
export type Login = { user: string; password: string; remember?: boolean };

/** The event a running probe run sends (see ProbeProgressDto). */
export const PROBE_PROGRESS = "probe-progress";

/** The plan's endpoints with every check and whether they feed it. */
export const probeEndpoints = (planId: number) => call<ProbeSetupDto>("probe_endpoints", { planId });
/** Answers with the endpoints as stored and the checks they now feed. */
export const saveProbeEndpoints = (planId: number, endpoints: EndpointsDto) =>
  call<ProbeSetupDto>("save_probe_endpoints", { planId, endpoints });
/** `checks` empty = every check that applies. Without a login, the remembered one is used. */
export const runProbes = (planId: number, checks: CheckId[], login?: Login) =>
  call<ProbeRunResultsDto>("run_probes", {
    planId,
    checks,
    user: login?.user ?? null,
    password: login?.password ?? null,
    remember: login?.remember ?? false,
  });
export const probeSavedLogin = (planId: number) => call<SavedLoginDto>("probe_saved_login", { planId });
export const forgetProbeLogin = (planId: number) => call<number>("forget_probe_login", { planId });
export const cancelProbes = (planId: number) => call<boolean>("cancel_probes", { planId });
export const probeRuns = (planId: number) => call<ProbeRunDto[]>("probe_runs", { planId });
export const probeRun = (planId: number, runId: number) => call<ProbeRunResultsDto>("probe_run", { planId, runId });
export const probeDiff = (planId: number) => call<RunDiffDto | null>("probe_diff", { planId });
