import path from "node:path";
import type { Database } from "@/db/client";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import type { AppConfig } from "@/lib/config";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { parseHypothesesFile, serializeHypotheses, type Hypothesis } from "@/lib/signals/hypothesis";
import { writeResultFile } from "./write-result-file";

export const DISCOVERY_FILE = path.join("results", "discovery", "hypotheses_multiframe.json");

export interface DiscoveryReport {
  hypotheses: Hypothesis[];
  perTimeframe: Record<string, number>;
  file: string;
  source: "discovery" | "file";
}

/**
 * Produces the hypotheses to test — generated from the catalog, or read from a user's file through the same
 * validation — stores them, and writes the discovery file.
 */
export async function runDiscovery(
  db: Database,
  config: AppConfig,
  options: { quick?: boolean; hypothesesFile?: { path: string; text: string }; resultsDir?: string },
): Promise<DiscoveryReport> {
  const list = options.hypothesesFile ? parseHypothesesFile(options.hypothesesFile.text, config.minRiskReward) : discoverHypotheses(config, { quick: options.quick });
  const source = options.hypothesesFile ? "file" : "discovery";
  await upsertHypotheses(db, list, source);
  const file = path.join(options.resultsDir ?? ".", DISCOVERY_FILE);
  writeResultFile(file, serializeHypotheses(list));
  const perTimeframe: Record<string, number> = {};
  for (const h of list) perTimeframe[h.timeframe] = (perTimeframe[h.timeframe] ?? 0) + 1;
  return { hypotheses: list, perTimeframe, file, source };
}
