import { z } from "zod";

/** Rows a runs or trials table shows at once: enough to scan, few enough that the page stays light. */
export const TABLE_PAGE_SIZE = 25;

/** Longest search text kept from the URL: a name fragment, never a document. */
const MAX_SEARCH = 100;
/** A page past any table here; a larger number in the URL is a typo or a probe, read as the last page. */
const MAX_PAGE = 10_000;

/**
 * A table's filters and page as its URL's search params carry them, so a reload or a shared link shows the same rows.
 * A malformed value reads as "no filter" (a link must never break the page); the route-level bounds still apply.
 */
export const tableQuerySchema = z.object({
  q: z.string().trim().max(MAX_SEARCH).catch(""),
  tf: z.string().max(8).catch(""),
  symbol: z.string().max(40).catch(""),
  verdict: z.enum(["", "pass", "fail", "insufficient_data"]).catch(""),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});
export type TableQuery = z.infer<typeof tableQuerySchema>;

const FILTER_KEYS = ["q", "tf", "symbol", "verdict"] as const;
type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** A page's `searchParams` object as URLSearchParams; a repeated key keeps its values in order. */
export function toSearchParams(params: URLSearchParams | SearchParamsRecord): URLSearchParams {
  if (params instanceof URLSearchParams) return params;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  return out;
}

/**
 * The table query of a URL's search params (or a page's `searchParams` object); a repeated key keeps its first value.
 * `pageKey` names the page's param when a page holds several tables that share the filters and page apart.
 */
export function parseTableQuery(params: URLSearchParams | SearchParamsRecord, pageKey = "page"): TableQuery {
  const search = toSearchParams(params);
  const get = (key: string) => search.get(key) ?? undefined;
  return tableQuerySchema.parse({ q: get("q") ?? "", tf: get("tf") ?? "", symbol: get("symbol") ?? "", verdict: get("verdict") ?? "", page: get(pageKey) ?? 1 });
}

const isPageKey = (key: string) => key === "page" || key.startsWith("page_");

/**
 * The search string of `current` with `changes` applied, other params (such as `job`) kept. A changed filter sends
 * every table of the page back to its first page; defaults are left out of the URL.
 */
export function tableSearch(current: URLSearchParams | SearchParamsRecord, changes: Partial<TableQuery>, pageKey = "page"): string {
  const params = new URLSearchParams(toSearchParams(current));
  const query = parseTableQuery(params, pageKey);
  const filterChanged = FILTER_KEYS.some((k) => k in changes && changes[k] !== query[k]);
  if (filterChanged) for (const key of [...params.keys()]) if (isPageKey(key)) params.delete(key);
  for (const k of FILTER_KEYS) {
    const value = changes[k] ?? query[k];
    if (value === "") params.delete(k);
    else params.set(k, value);
  }
  const page = changes.page ?? (filterChanged ? 1 : query.page);
  if (page > 1) params.set(pageKey, String(page));
  else params.delete(pageKey);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** What the filters read of a row. */
export interface FilterableRow {
  readonly name: string;
  readonly timeframe: string;
  readonly symbol: string;
  readonly verdict?: string;
}

/** Whether a row passes the filters: the search matches the name in any case; the others match exactly. */
export function matchesTableQuery(row: FilterableRow, query: TableQuery): boolean {
  if (query.q !== "" && !row.name.toLowerCase().includes(query.q.toLowerCase())) return false;
  if (query.tf !== "" && row.timeframe !== query.tf) return false;
  if (query.symbol !== "" && row.symbol !== query.symbol) return false;
  return query.verdict === "" || row.verdict === query.verdict;
}

/** One page of rows; a page past the last shows the last (a filter can shrink the table under a bookmarked page). */
export function pageOf<Row>(rows: readonly Row[], page: number, size = TABLE_PAGE_SIZE): { rows: Row[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((shown - 1) * size, shown * size), page: shown, pages };
}
