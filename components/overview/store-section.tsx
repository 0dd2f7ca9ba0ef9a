import { formatInt } from "@/lib/format";

/** Which store the dashboard runs on, whether its migrations are applied, and how much market data it holds. */
export function StoreSection({
  driver,
  location,
  migrations,
  instruments,
  candles,
}: {
  driver: "embedded" | "server";
  location: string;
  migrations: { applied: number; expected: number };
  instruments: number;
  candles: number;
}) {
  return (
    <section className="grid">
      <div className="panel stat" data-testid="store-driver">
        <div className="label">Store</div>
        <div className="value">{driver === "embedded" ? "Embedded PostgreSQL" : "PostgreSQL server"}</div>
        <p className="muted">{location} · migrations {migrations.applied}/{migrations.expected}</p>
      </div>
      <div className="panel stat">
        <div className="label">Instruments with data</div>
        <div className="value">{instruments}</div>
      </div>
      <div className="panel stat">
        <div className="label">Candles stored</div>
        <div className="value">{formatInt(candles)}</div>
      </div>
    </section>
  );
}
