import { sideSign, type EmulatedFill } from "./emulated-kraken-orders";

/** A position of the emulated account, and how a fill changes it. */

export interface EmulatedPosition {
  symbol: string;
  /** Signed: positive long, negative short. */
  size: number;
  averagePrice: number;
  /** When the position was last opened from flat. */
  openedAt: number;
}

/**
 * Applies a fill to `position` in place and returns the PnL it realised: adding averages the entry price, reducing
 * realises against it, and crossing through flat opens the remainder at the fill price.
 */
export function applyFill(position: EmulatedPosition, fill: EmulatedFill): number {
  const signed = sideSign(fill.side) * fill.size;
  if (position.size === 0 || Math.sign(position.size) === Math.sign(signed)) {
    if (position.size === 0) position.openedAt = fill.fillTime;
    position.averagePrice = (Math.abs(position.size) * position.averagePrice + fill.size * fill.price) / (Math.abs(position.size) + fill.size);
    position.size += signed;
    return 0;
  }
  const closed = Math.min(fill.size, Math.abs(position.size));
  const realized = closed * (fill.price - position.averagePrice) * Math.sign(position.size);
  const after = position.size + signed;
  if (after !== 0 && Math.sign(after) !== Math.sign(position.size)) {
    position.averagePrice = fill.price;
    position.openedAt = fill.fillTime;
  }
  // sizes are decimal contract counts: a float residue of a full close is flat
  position.size = Math.abs(after) < 1e-12 ? 0 : after;
  if (position.size === 0) position.averagePrice = 0;
  return realized;
}
