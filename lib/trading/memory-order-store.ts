import type { TrackedOrder } from "./order-state";
import type { InsertIfAbsentResult, OrderStore } from "./order-store";

/** In-memory OrderStore (tests, dry runs): what it holds is lost with the process, so it never backs a live account. */
export class MemoryOrderStore implements OrderStore {
  private readonly orders = new Map<string, TrackedOrder>();

  async get(clientOrderId: string): Promise<TrackedOrder | undefined> {
    return this.orders.get(clientOrderId);
  }

  async put(order: TrackedOrder): Promise<void> {
    this.orders.set(order.clientOrderId, order);
  }

  async insertIfAbsent(order: TrackedOrder): Promise<InsertIfAbsentResult> {
    const stored = this.orders.get(order.clientOrderId);
    if (stored) return { inserted: false, stored };
    this.orders.set(order.clientOrderId, order);
    return { inserted: true, stored: order };
  }

  /** Every order stored, in the order first stored. */
  all(): TrackedOrder[] {
    return [...this.orders.values()];
  }
}
