/**
 * A running sum with Neumaier's compensation: the rounding error of every addition is kept aside and added back, so
 * a sum that values enter and leave for a whole series (a moving window) stays within an ulp or so of the exact sum
 * instead of drifting by one rounding error per step.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const next = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - next + x : x - next + this.sum;
    this.sum = next;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
