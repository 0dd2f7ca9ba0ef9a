const ENV_NAMES = ["KRAKEN_FUTURES_API_KEY", "KRAKEN_FUTURES_API_SECRET"] as const;

/**
 * Puts a key pair in the environment, the only place the exchange client reads keys from, and returns the undo
 * (variables unset before are unset again). Tests plant recognisable values to search every output for them.
 */
export function plantExchangeKeys(apiKey: string, secret: string): () => void {
  const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  process.env.KRAKEN_FUTURES_API_KEY = apiKey;
  process.env.KRAKEN_FUTURES_API_SECRET = secret;
  return () => {
    for (const name of ENV_NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  };
}
