import { describe, expect, it } from "vitest";
import { alertOfBrokerEvent } from "./alert-of-broker-event";
import { brokerEvent } from "./broker-event";

describe("alertOfBrokerEvent", () => {
  it("raises an alert for a rejected order, a missing stop, a reconciliation difference and a failed read", () => {
    const at = 1_764_000_000_000;
    expect(alertOfBrokerEvent("acc-1", brokerEvent(at, "order-rejected", "c1", "order c1 (entry) was rejected: margin"))).toEqual({
      accountId: "acc-1",
      kind: "order-rejected",
      message: "order c1 (entry) was rejected: margin",
      time: at,
    });
    expect(alertOfBrokerEvent("acc-1", brokerEvent(at, "stop-replaced", "c2", "stop re-placed"))?.kind).toBe("missing-stop");
    expect(alertOfBrokerEvent("acc-1", brokerEvent(at, "stop-refused-flattened", "c2", "flattened"))?.kind).toBe("missing-stop");
    expect(alertOfBrokerEvent("acc-1", brokerEvent(at, "reconcile-finding", null, "differs"))?.kind).toBe("reconciliation-mismatch");
    expect(alertOfBrokerEvent("acc-1", brokerEvent(at, "positions-unknown", null, "unknown"))?.kind, "unknown positions block trading like a difference").toBe("reconciliation-mismatch");
    expect(alertOfBrokerEvent("acc-1", brokerEvent(at, "read-failed", null, "mark price failed"))?.kind).toBe("feed-failure");
  });

  it("raises none for routine events", () => {
    expect(alertOfBrokerEvent("acc-1", brokerEvent(0, "order-sent", "c1", "sent"))).toBeNull();
    expect(alertOfBrokerEvent("acc-1", brokerEvent(0, "protection-placed", "c1", "stop placed"))).toBeNull();
  });
});
