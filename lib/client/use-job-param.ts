"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The job a page follows lives in the URL (`?job=<id>`), so a reload or a shared link shows the same progress.
 * Set with history.replaceState, which Next's router syncs into useSearchParams without re-rendering the page on
 * the server: with the embedded store that render would wait for the job's write transaction.
 */
export function useJobParam(): [string | null, (id: string | null) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const jobId = params.get("job");
  const setJobId = useCallback(
    (id: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (id) next.set("job", id);
      else next.delete("job");
      const query = next.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [params, pathname],
  );
  return [jobId, setJobId];
}
