import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { configSchema, ENV_KEYS, ENV_STRING_SETTINGS, type AppConfig } from "./config-schema";
import { errorMessage } from "./error-message";

export { configSchema, type AppConfig } from "./config-schema";

/** A configuration value that is missing, malformed or out of range. The message names the key and where it came from. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConfigError";
  }
}

type Source = { kind: "file"; path: string } | { kind: "environment" };
type Env = Record<string, string | undefined>;

const LIST_KEYS = new Set(["INSTRUMENTS", "TIMEFRAMES"]);

function parseEnvValue(name: string, raw: string): unknown {
  const trimmed = raw.trim();
  if (LIST_KEYS.has(name)) return trimmed.split(",").map((s) => s.trim()).filter(Boolean);
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch (cause) {
      throw new ConfigError(`${name} (from environment) is not valid JSON: ${errorMessage(cause)}`, { cause });
    }
  }
  const n = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(n)) {
    throw new ConfigError(`${name} (from environment) must be a number, got "${raw}"`);
  }
  return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function deepMerge(base: object, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

/** The environment's name for a setting's path: its own variable (ALERT_WEBHOOK_URL), else its top key's (FEES.taker). */
function envNameOf(issuePath: readonly PropertyKey[]): string {
  const own = Object.entries(ENV_STRING_SETTINGS).find(([, settingPath]) => settingPath.every((key, i) => issuePath[i] === key));
  if (own) return own[0];
  const top = String(issuePath[0] ?? "");
  const name = Object.entries(ENV_KEYS).find(([, v]) => v === top)?.[0] ?? top;
  return name + (issuePath.length > 1 ? "." + issuePath.slice(1).join(".") : "");
}

function describeIssues(error: z.ZodError, source: Source | undefined): string {
  return error.issues
    .map((issue) => {
      const name = source?.kind === "environment" ? envNameOf(issue.path) : issue.path.join(".");
      const where = source ? (source.kind === "file" ? ` (from ${source.path})` : " (from environment)") : "";
      return `${name}${where}: ${issue.message}`;
    })
    .join("; ");
}

/** Applies one layer over the configuration so far; validating per layer lets the error name where a bad value came from. */
function applyLayer(current: AppConfig, layer: Record<string, unknown>, source: Source): AppConfig {
  const result = configSchema.strict().safeParse(deepMerge(current, layer));
  if (!result.success) throw new ConfigError(`Invalid configuration: ${describeIssues(result.error, source)}`);
  return result.data;
}

/**
 * Builds the configuration from defaults, then an optional JSON file (camelCase keys, same shape as
 * `configSchema`), then environment variables (UPPER_SNAKE names, see ENV_KEYS). Pure: callers pass env and file.
 */
export function loadConfig(options: { env?: Env; file?: { path: string; content: string } } = {}): AppConfig {
  let config = configSchema.parse({});
  if (options.file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(options.file.content);
    } catch (cause) {
      throw new ConfigError(`Config file ${options.file.path} is not valid JSON: ${errorMessage(cause)}`, { cause });
    }
    if (!isPlainObject(parsed)) throw new ConfigError(`Config file ${options.file.path} must hold a JSON object`);
    config = applyLayer(config, parsed, { kind: "file", path: options.file.path });
  }
  const envLayer: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = options.env?.[name];
    if (raw !== undefined && raw !== "") envLayer[key] = parseEnvValue(name, raw);
  }
  for (const [name, [top, leaf]] of Object.entries(ENV_STRING_SETTINGS)) {
    const raw = options.env?.[name]?.trim();
    if (raw) envLayer[top] = { ...(isPlainObject(envLayer[top]) ? envLayer[top] : {}), [leaf]: raw };
  }
  return Object.keys(envLayer).length > 0 ? applyLayer(config, envLayer, { kind: "environment" }) : config;
}

const runtimeSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    // URL parsers end the host at the first "/", "?" or "#", so such a password would send the connection (and error
    // messages) to a "host" made of part of it. The message must not echo the value.
    .refine((url) => !/[/?#]/.test(url.slice(url.indexOf("://") + 3, Math.max(url.lastIndexOf("@"), url.indexOf("://") + 3))), {
      message: "its user name or password holds /, ? or # unencoded: percent-encode them (/ as %2F, ? as %3F, # as %23, @ as %40)",
    })
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ACCESS_TOKEN: z.string().regex(/^\S{16,}$/, "must be at least 16 characters, none of them spaces").optional(),
  /** Host names (beyond the loopback ones) the dashboard answers to: a reverse proxy's public name, a LAN name. */
  ALLOWED_HOSTS: z
    .string()
    .transform((raw) => raw.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, "must be host names without scheme or port, comma-separated")))
    .default([]),
  /**
   * Where ccxt sends exchange requests instead of the real exchange: a local emulator (tests, offline demos). Only
   * the environment or the CLI sets it; no request to the dashboard can.
   */
  EXCHANGE_BASE_URL: z
    .string()
    .url("must be a URL")
    .regex(/^https?:\/\//, "must be an http:// or https:// URL")
    .optional(),
  PERP_EDGE_CONFIG: z.string().optional(),
});
export type RuntimeEnv = z.infer<typeof runtimeSchema>;

/** Process-level settings (where the store lives, where the app binds). */
export function loadRuntimeEnv(env: Env = process.env): RuntimeEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = runtimeSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(`Invalid environment: ${describeIssues(result.error, { kind: "environment" })}`);
  return result.data;
}

let cached: AppConfig | undefined;

/** The process's configuration: defaults < `perp-edge.config.json` (or $PERP_EDGE_CONFIG) < environment. */
export function getConfig(): AppConfig {
  if (cached) return cached;
  const runtime = loadRuntimeEnv();
  const filePath = path.resolve(/*turbopackIgnore: true*/ runtime.PERP_EDGE_CONFIG ?? "perp-edge.config.json");
  if (runtime.PERP_EDGE_CONFIG && !existsSync(/*turbopackIgnore: true*/ filePath)) {
    throw new ConfigError(`PERP_EDGE_CONFIG points to ${filePath}, which does not exist`);
  }
  const file = existsSync(/*turbopackIgnore: true*/ filePath) ? { path: filePath, content: readFileSync(/*turbopackIgnore: true*/ filePath, "utf8") } : undefined;
  cached = loadConfig({ env: process.env, file });
  return cached;
}
