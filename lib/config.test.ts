import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadRuntimeEnv } from "./config";

describe("loadConfig", () => {
  it("holds the system's defaults", () => {
    const c = loadConfig();
    expect(c.instruments).toEqual(["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"]);
    expect(c.timeframes).toEqual(["2m", "5m", "15m", "30m"]);
    expect(c.leverage).toBe(1.0);
    expect(c.positionSizePct).toBe(0.02);
    expect(c.maxConcurrent).toBe(2);
    expect(c.dailyLossLimit).toBe(-0.03);
    expect(c.maxDrawdown).toBe(0.15);
    expect(c.slippagePips).toEqual({ "2m": 1.0, "5m": 1.5, "15m": 2.5, "30m": 4.0 });
    expect(c.minRiskReward).toEqual({ "2m": 2.0, "5m": 1.5, "15m": 1.3, "30m": 1.2 });
    expect(c.edgeThresholds).toEqual({ winRate: 0.55, profitFactor: { "2m": 2.0, "5m": 1.5, "15m": 1.4, "30m": 1.3 }, sharpe: 1.0, minTrades: 30, minDeflatedSharpe: 0.95 });
    expect(c.dataLookbackMonths).toBe(6);
    expect(c.indicatorRanges.rsi).toEqual({ period: [7, 14, 21], oversold: [20, 25, 30, 35], overbought: [65, 70, 75, 80] });
    expect(c.fees).toEqual({ taker: 0.0005, maker: 0.0002 });
    expect(c.walkForward).toEqual({ windows: 4, trainFraction: 0.7, maxWindowProfitShare: 0.75, minProfitableWindows: 2, gate: "fail" });
  });

  it("takes overrides from a file, then the environment", () => {
    const c = loadConfig({
      file: { path: "perp-edge.config.json", content: JSON.stringify({ leverage: 2, slippagePips: { "5m": 3 }, fees: { taker: 0.0004 } }) },
      env: { LEVERAGE: "1.5", INSTRUMENTS: "BTCUSDT.P, ETHUSDT.P" },
    });
    expect(c.leverage, "the environment wins over the file").toBe(1.5);
    expect(c.slippagePips, "a partial object keeps the other defaults").toEqual({ "2m": 1.0, "5m": 3, "15m": 2.5, "30m": 4.0 });
    expect(c.fees).toEqual({ taker: 0.0004, maker: 0.0002 });
    expect(c.instruments).toEqual(["BTCUSDT.P", "ETHUSDT.P"]);
  });

  it("refuses a bad environment value, naming the key", () => {
    expect(() => loadConfig({ env: { POSITION_SIZE_PCT: "two" } })).toThrow(/POSITION_SIZE_PCT \(from environment\) must be a number/);
    expect(() => loadConfig({ env: { MAX_DRAWDOWN: "1.5" } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { MAX_DRAWDOWN: "1.5" } })).toThrow(/MAX_DRAWDOWN \(from environment\)/);
    expect(() => loadConfig({ env: { TIMEFRAMES: "5m,7m" } })).toThrow(/TIMEFRAMES\.1 \(from environment\)/);
    expect(() => loadConfig({ env: { WALK_FORWARD: '{"windows": 3, "minProfitableWindows": 4}' } })).toThrow(/WALK_FORWARD\.minProfitableWindows \(from environment\): minProfitableWindows cannot exceed windows/);
    expect(() => loadConfig({ env: { WALK_FORWARD: '{"gate": "ignore"}' } })).toThrow(/WALK_FORWARD\.gate \(from environment\)/);
    expect(loadConfig({ env: { WALK_FORWARD: '{"gate": "warn"}' } }).walkForward, "a partial object keeps the other defaults").toMatchObject({ windows: 4, gate: "warn" });
  });

  it("refuses a bad file value or unknown key, naming the key and file", () => {
    expect(() => loadConfig({ file: { path: "cfg.json", content: '{"dailyLossLimit": 0.03}' } })).toThrow(/dailyLossLimit \(from cfg\.json\)/);
    expect(() => loadConfig({ file: { path: "cfg.json", content: '{"leverag": 2}' } })).toThrow(/cfg\.json/);
    expect(() => loadConfig({ file: { path: "cfg.json", content: "{oops" } })).toThrow(/cfg\.json is not valid JSON/);
  });
});

describe("the alert webhook setting", () => {
  const hook = "https://hooks.example.com/services/T0KEN-planted-4f9q";

  it("is off by default, with a 5 s timeout", () => {
    expect(loadConfig().alerts).toEqual({ timeoutMs: 5000 });
  });

  it("is read from the file and from ALERT_WEBHOOK_URL, the environment winning", () => {
    const file = { path: "cfg.json", content: JSON.stringify({ alerts: { webhookUrl: "http://127.0.0.1:9/hook", timeoutMs: 2000 } }) };
    expect(loadConfig({ file }).alerts).toEqual({ webhookUrl: "http://127.0.0.1:9/hook", timeoutMs: 2000 });
    expect(loadConfig({ file, env: { ALERT_WEBHOOK_URL: ` ${hook} ` } }).alerts, "the file's timeout stays").toEqual({ webhookUrl: hook, timeoutMs: 2000 });
  });

  it("refuses a URL that is not http(s), naming the field without echoing the URL", () => {
    const fromFile = () => loadConfig({ file: { path: "cfg.json", content: JSON.stringify({ alerts: { webhookUrl: "ftp://hooks.example.com/T0KEN-planted-4f9q" } }) } });
    expect(fromFile).toThrow(/alerts\.webhookUrl \(from cfg\.json\): must be an http:\/\/ or https:\/\/ URL/);
    expect(fromFile).not.toThrow(/T0KEN/);
    const fromEnv = () => loadConfig({ env: { ALERT_WEBHOOK_URL: "ftp://hooks.example.com/T0KEN-planted-4f9q" } });
    expect(fromEnv).toThrow(/ALERT_WEBHOOK_URL \(from environment\): must be an http/);
    expect(fromEnv).not.toThrow(/T0KEN/);
    expect(() => loadConfig({ env: { ALERT_WEBHOOK_URL: "not a url" } })).toThrow(/ALERT_WEBHOOK_URL \(from environment\): must be a URL/);
  });

  it("bounds the timeout", () => {
    const withTimeout = (timeoutMs: number) => () => loadConfig({ file: { path: "cfg.json", content: JSON.stringify({ alerts: { timeoutMs } }) } });
    expect(withTimeout(0)).toThrow(/alerts\.timeoutMs \(from cfg\.json\)/);
    expect(withTimeout(120_000)).toThrow(/alerts\.timeoutMs \(from cfg\.json\)/);
    expect(withTimeout(1500)().alerts.timeoutMs).toBe(1500);
  });
});

describe("loadRuntimeEnv", () => {
  it("defaults to the embedded store bound to localhost", () => {
    expect(loadRuntimeEnv({})).toMatchObject({ DATA_DIR: ".data", HOST: "127.0.0.1", PORT: 3000 });
    expect(loadRuntimeEnv({}).DATABASE_URL).toBeUndefined();
  });
  it("names a malformed DATABASE_URL", () => {
    expect(() => loadRuntimeEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL \(from environment\): must be a postgres:\/\/ URL/);
  });
  it("refuses a DATABASE_URL whose password would be read as a host, without echoing it", () => {
    const bad = () => loadRuntimeEnv({ DATABASE_URL: "postgres://user:Zq7@Xv9/Kw3@127.0.0.1:5432/db" });
    expect(bad).toThrow(/DATABASE_URL \(from environment\): its user name or password holds \/, \? or # unencoded/);
    expect(bad).not.toThrow(/Xv9|Kw3/);
    expect(loadRuntimeEnv({ DATABASE_URL: "postgres://user:p%2Fss@127.0.0.1:5432/db?sslmode=require" }).DATABASE_URL).toContain("sslmode");
    expect(loadRuntimeEnv({ DATABASE_URL: "postgres://user:p@ss@127.0.0.1/db" }).DATABASE_URL).toBeDefined();
  });
  it("refuses an access token of spaces or shorter than 16 characters", () => {
    expect(() => loadRuntimeEnv({ ACCESS_TOKEN: " ".repeat(16) })).toThrow(/ACCESS_TOKEN \(from environment\): must be at least 16 characters, none of them spaces/);
    expect(() => loadRuntimeEnv({ ACCESS_TOKEN: "short-token" })).toThrow(/ACCESS_TOKEN/);
    expect(() => loadRuntimeEnv({ ACCESS_TOKEN: "sixteen chars ok" })).toThrow(/ACCESS_TOKEN/);
    expect(loadRuntimeEnv({ ACCESS_TOKEN: "0123456789abcdef" }).ACCESS_TOKEN).toBe("0123456789abcdef");
  });
  it("reads allowed host names and refuses ones with a scheme or port", () => {
    expect(loadRuntimeEnv({ ALLOWED_HOSTS: "Lab.Example.com, 10.0.0.5" }).ALLOWED_HOSTS).toEqual(["lab.example.com", "10.0.0.5"]);
    expect(() => loadRuntimeEnv({ ALLOWED_HOSTS: "https://lab.example.com" })).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadRuntimeEnv({ ALLOWED_HOSTS: "lab.example.com:443" })).toThrow(/ALLOWED_HOSTS/);
  });
  it("accepts only an http(s) exchange base URL", () => {
    expect(loadRuntimeEnv({ EXCHANGE_BASE_URL: "http://127.0.0.1:4010" }).EXCHANGE_BASE_URL).toBe("http://127.0.0.1:4010");
    expect(() => loadRuntimeEnv({ EXCHANGE_BASE_URL: "file:///etc/passwd" })).toThrow(/EXCHANGE_BASE_URL \(from environment\): must be an http/);
  });
});
