"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseTableQuery, tableSearch, type TableQuery } from "@/lib/contract/table-query";

/**
 * A table's filters and page, kept in the URL so a reload or a shared link shows the same rows. A table paged on the
 * server (`serverSide`) navigates so the server renders the new page; a table paged in the browser only rewrites the
 * URL with history.replaceState, which Next syncs into useSearchParams without a server render.
 */
export function useTableQuery(options: { pageKey?: string; serverSide?: boolean } = {}): { query: TableQuery; update: (changes: Partial<TableQuery>) => void } {
  const { pageKey = "page", serverSide = false } = options;
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const query = useMemo(() => parseTableQuery(params, pageKey), [params, pageKey]);
  const update = useCallback(
    (changes: Partial<TableQuery>) => {
      const href = `${pathname}${tableSearch(new URLSearchParams(params.toString()), changes, pageKey)}`;
      if (serverSide) router.replace(href, { scroll: false });
      else window.history.replaceState(null, "", href);
    },
    [params, pathname, pageKey, router, serverSide],
  );
  return { query, update };
}
