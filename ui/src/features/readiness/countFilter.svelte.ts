// The readiness header's counts open the checklist filtered to them: the header asks here,
// and the checklist (mounted already or only about to be) applies the newest request.
import type { Filter } from "../../lib/filters";

class FilterRequest {
  pending = $state.raw<{ seq: number; filter: Partial<Filter> } | null>(null);
  private seq = 0;

  ask(filter: Partial<Filter>) {
    this.pending = { seq: ++this.seq, filter };
  }

  /** The request, once: a checklist mounted again later (after This week) keeps its own
      filters rather than getting an old request applied anew. */
  take(): Partial<Filter> | null {
    const asked = this.pending;
    this.pending = null;
    return asked?.filter ?? null;
  }
}

export const filterRequest = new FilterRequest();
