import type { TrackedOrder } from "@/lib/trading/order-state";
import type { OrderStore } from "./order-store";

/** In-memory OrderStore (tests, dry runs): what it holds is lost with the process, so it never backs a live account. */
export class MemoryOrderStore implements OrderStore {
  private readonly orders = new Map<string, TrackedOrder>();

  async get(clientOrderId: string): Promise<TrackedOrder | undefined> {
    return this.orders.get(clientOrderId);
  }

  async put(order: TrackedOrder): Promise<void> {
    this.orders.set(order.clientOrderId, order);
  }

  /** Every order stored, in the order first stored. */
  all(): TrackedOrder[] {
    return [...this.orders.values()];
  }
}
