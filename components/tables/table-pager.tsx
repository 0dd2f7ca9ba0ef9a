"use client";

import { useTableQuery } from "@/lib/client/use-table-query";

/** Previous / next through a table's pages; the page lives in the URL under `pageKey`. Nothing when one page holds every row. */
export function TablePager({ page, pages, pageKey = "page", serverSide = false }: { page: number; pages: number; pageKey?: string; serverSide?: boolean }) {
  const { update } = useTableQuery({ pageKey, serverSide });
  if (pages <= 1) return null;
  return (
    <div className="pager" data-testid="table-pager">
      <button type="button" className="button small secondary" disabled={page <= 1} onClick={() => update({ page: 1 })}>
        First
      </button>
      <button type="button" className="button small secondary" disabled={page <= 1} onClick={() => update({ page: page - 1 })} data-testid="table-prev">
        Previous
      </button>
      <span className="small" data-testid="table-page">
        page {page} of {pages}
      </span>
      <button type="button" className="button small secondary" disabled={page >= pages} onClick={() => update({ page: page + 1 })} data-testid="table-next">
        Next
      </button>
      <button type="button" className="button small secondary" disabled={page >= pages} onClick={() => update({ page: pages })}>
        Last
      </button>
    </div>
  );
}
