import { describe, expect, it } from "vitest";
import { changeAccountMode, describeModeChange, intentAllowed, modeChangeSchema, stricterMode, type AccountMode } from "./account-mode";
import type { Intent } from "./intents";

const T = Date.UTC(2026, 2, 1, 12);
const at = { accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T };
const INTENTS: Record<Intent["kind"], Intent> = {
  enter: { kind: "enter", ...at, direction: "long", qty: 0.1, stopPrice: 59_000, targetPrice: 62_000 },
  "place-protection": { kind: "place-protection", ...at, protection: "stop", positionDirection: "long", qty: 0.1, triggerPrice: 59_000, sequence: 0, reduceOnly: true },
  "move-protection": { kind: "move-protection", ...at, protection: "stop", clientOrderId: "x", triggerPrice: 59_500, reduceOnly: true },
  "cancel-protection": { kind: "cancel-protection", ...at, protection: "stop", clientOrderId: "x" },
  exit: { kind: "exit", ...at, positionDirection: "long", qty: 0.1, reason: "time stop", reduceOnly: true },
  flatten: { kind: "flatten", accountId: "acc", decidedAt: T, reason: "halt" },
};

const person = { kind: "person", name: "Ana" } as const;
const system = { kind: "system", component: "reconciliation" } as const;

describe("intentAllowed", () => {
  it("allows each intent in exactly the modes that may act on it", () => {
    const expected: Record<AccountMode, Intent["kind"][]> = {
      active: ["enter", "place-protection", "move-protection", "cancel-protection", "exit", "flatten"],
      reducing: ["place-protection", "move-protection", "cancel-protection", "exit", "flatten"],
      halted: ["cancel-protection", "exit", "flatten"],
    };
    for (const mode of ["active", "reducing", "halted"] as const) {
      const allowed = Object.values(INTENTS).filter((i) => intentAllowed(mode, i).allowed).map((i) => i.kind);
      expect(allowed, mode).toEqual(expected[mode]);
    }
  });

  it("says why an intent is refused", () => {
    expect(intentAllowed("reducing", INTENTS.enter)).toEqual({ allowed: false, reason: "the account is reducing: enter is not allowed (only orders that shrink a position are sent)" });
    const r = intentAllowed("halted", INTENTS["place-protection"]);
    expect(!r.allowed && r.reason).toContain("positions closed at market");
  });
});

describe("changeAccountMode", () => {
  it("records who, when and why as an event a person can read", () => {
    const r = changeAccountMode("active", { accountId: "acc", to: "halted", by: system, at: T, reason: "positions could not be read" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(modeChangeSchema.parse(r.change)).toEqual({ accountId: "acc", from: "active", to: "halted", by: system, at: T, reason: "positions could not be read" });
    expect(describeModeChange(r.change)).toBe("2026-03-01 12:00 UTC: the system (reconciliation) moved account acc from active to halted: positions could not be read");
  });

  it("lets the system tighten the mode but only a person loosen it", () => {
    for (const [from, to] of [["active", "reducing"], ["active", "halted"], ["reducing", "halted"]] as const) {
      expect(changeAccountMode(from, { accountId: "acc", to, by: system, at: T, reason: "x" }).ok, `${from} → ${to}`).toBe(true);
    }
    for (const [from, to] of [["halted", "reducing"], ["halted", "active"], ["reducing", "active"]] as const) {
      const bySystem = changeAccountMode(from, { accountId: "acc", to, by: system, at: T, reason: "x" });
      expect(!bySystem.ok && bySystem.code, `${from} → ${to} by the system`).toBe("NEEDS_A_PERSON");
      expect(changeAccountMode(from, { accountId: "acc", to, by: person, at: T, reason: "checked the positions" }).ok, `${from} → ${to} by a person`).toBe(true);
    }
  });

  it("refuses a change to the mode the account is already in", () => {
    const r = changeAccountMode("halted", { accountId: "acc", to: "halted", by: person, at: T, reason: "x" });
    expect(r).toEqual({ ok: false, code: "NO_CHANGE", message: "account acc is already halted" });
  });

  it("combines findings into the stricter mode", () => {
    expect(stricterMode("active", "reducing")).toBe("reducing");
    expect(stricterMode("halted", "reducing")).toBe("halted");
    expect(stricterMode("active", "active")).toBe("active");
  });
});
