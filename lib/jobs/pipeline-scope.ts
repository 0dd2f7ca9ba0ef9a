import type { AppConfig } from "@/lib/config-schema";
import type { PipelineScope } from "@/lib/contract/pipeline-scope";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";

/** What the pipeline would test with this configuration: counted from the catalog, as the discovery phase expands it. */
export function pipelineScope(config: AppConfig): PipelineScope {
  return {
    hypotheses: discoverHypotheses(config).length,
    quickHypotheses: discoverHypotheses(config, { quick: true }).length,
    instruments: config.instruments.length,
  };
}
