import { expect, type Locator, type Page } from "@playwright/test";

/** The Live page (components/live): one account's header, kill switch, reconciliation and event log. */
export class LivePage {
  readonly header: Locator;
  readonly mode: Locator;
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.header = page.getByTestId("live-header");
    this.mode = page.getByTestId("live-mode");
    this.dialog = page.getByTestId("live-confirm-dialog");
  }

  async open(accountId: string): Promise<void> {
    await this.page.goto(`/live?account=${accountId}`);
    await expect(this.header).toHaveAttribute("data-account-id", accountId);
  }

  positionRow(symbol: string): Locator {
    return this.page.locator(`[data-testid="live-position-row"][data-symbol="${symbol}"]`);
  }

  /** The kill switch: asks first, and halts only on the dialog's confirm. */
  async halt(): Promise<Locator> {
    await this.page.getByTestId("live-halt").click();
    await expect(this.dialog).toBeVisible();
    return this.dialog;
  }

  async confirm(): Promise<void> {
    await this.dialog.getByTestId("live-confirm").click();
    await expect(this.dialog).toBeHidden();
  }

  event(kind: string): Locator {
    return this.page.locator(`[data-testid="live-event"][data-kind="${kind}"]`);
  }
}
