import { expect, type Locator, type Page } from "@playwright/test";
import { JobPanel } from "./job-panel";

/** The Data page: coverage tables, the three data forms and the jobs panel. */
export class DataPage {
  readonly job: JobPanel;
  readonly coverageRows: Locator;
  constructor(readonly page: Page) {
    this.job = new JobPanel(page);
    this.coverageRows = page.getByTestId("coverage-row");
  }

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/data${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();
  }

  coverageRow(symbol: string, timeframe: string): Locator {
    return this.page.locator(`[data-testid="coverage-row"][data-symbol="${symbol}"][data-timeframe="${timeframe}"]`);
  }

  /** Starts a synthetic market for the given instruments only; returns the followed job's id. */
  async generate(options: { seed: number; months: number; symbols: string[] }): Promise<string> {
    const form = this.page.getByTestId("generate-form");
    await form.getByTestId("generate-seed").fill(String(options.seed));
    await form.getByTestId("generate-months").fill(String(options.months));
    for (const box of await form.locator('input[name="generate-symbols"]').all()) {
      await box.setChecked(options.symbols.includes(await box.inputValue()));
    }
    await form.getByTestId("generate-submit").click();
    return this.job.followedJobId();
  }

  async importFile(file: { name: string; text: string }, options: { symbol: string; timeframe: string }): Promise<void> {
    const form = this.page.getByTestId("import-form");
    await form.getByTestId("import-file").setInputFiles({ name: file.name, mimeType: "text/csv", buffer: Buffer.from(file.text) });
    await form.getByTestId("import-symbol").selectOption(options.symbol);
    await form.getByTestId("import-kind").selectOption("candles");
    await form.getByTestId("import-timeframe").selectOption(options.timeframe);
    await form.getByTestId("import-submit").click();
  }
}
