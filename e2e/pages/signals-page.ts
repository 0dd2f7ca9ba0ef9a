import { expect, type Locator, type Page } from "@playwright/test";
import { JobPanel } from "./job-panel";

export interface CustomHypothesis {
  name: string;
  timeframe: string;
  direction: "long" | "short";
  entryConditions: string[];
  stopLoss: string;
  target: string;
  hold: [number, number];
  accuracyPct: number;
  signalType: string;
  description: string;
}

/** The Signals page: the hypotheses table, discovery and the custom hypothesis form. */
export class SignalsPage {
  readonly job: JobPanel;
  readonly rows: Locator;
  readonly form: Locator;
  constructor(readonly page: Page) {
    this.job = new JobPanel(page);
    this.rows = page.getByTestId("hypothesis-row");
    this.form = page.getByTestId("custom-hypothesis-form");
  }

  async goto(): Promise<void> {
    await this.page.goto("/signals");
    await expect(this.page.getByRole("heading", { level: 1, name: "Signals" })).toBeVisible();
  }

  async count(): Promise<number> {
    return Number(await this.page.getByTestId("hypotheses-count").innerText());
  }

  ruleError(field: string): Locator {
    return this.form.getByTestId(`rule-error-${field}`);
  }

  /** Fills every field; rule fields are typed key by key, as a person would. */
  async fill(h: CustomHypothesis): Promise<void> {
    const f = this.form;
    await f.getByTestId("h-name").fill(h.name);
    await f.getByTestId("h-timeframe").selectOption(h.timeframe);
    await f.getByTestId("h-direction").selectOption(h.direction);
    await f.getByTestId("h-signal-type").selectOption(h.signalType);
    for (const [i, rule] of h.entryConditions.entries()) {
      if (i > 0) await f.getByTestId("h-add-entry").click();
      await f.getByTestId(`h-entry-${i}`).fill("");
      await f.getByTestId(`h-entry-${i}`).pressSequentially(rule);
    }
    await f.getByTestId("h-stopLoss").fill(h.stopLoss);
    await f.getByTestId("h-target").fill(h.target);
    await f.getByTestId("h-hold-min").fill(String(h.hold[0]));
    await f.getByTestId("h-hold-max").fill(String(h.hold[1]));
    await f.getByTestId("h-accuracy").fill(String(h.accuracyPct));
    await f.getByTestId("h-description").fill(h.description);
  }

  async save(): Promise<void> {
    await this.form.getByTestId("h-save").click();
  }
}
