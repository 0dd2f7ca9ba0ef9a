import { expect, type Locator, type Page } from "@playwright/test";

/** The followed job's progress panel (components/jobs/job-progress.tsx). */
export class JobPanel {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId("job-progress").first();
  }

  /** The job id the page follows, from `?job=` (set as soon as a job starts). */
  async followedJobId(): Promise<string> {
    await expect(this.page).toHaveURL(/[?&]job=[0-9a-f-]{36}/);
    const id = new URL(this.page.url()).searchParams.get("job");
    expect(id, "a started job is followed through the URL").not.toBeNull();
    return id ?? "";
  }

  async expectSucceeded(timeout = 60_000): Promise<void> {
    await expect(this.root, "the job finishes successfully").toHaveAttribute("data-status", "succeeded", { timeout });
    await expect(this.root.getByTestId("job-percent")).toHaveText("100%");
    await expect(this.root.getByTestId("job-progress-bar")).toHaveAttribute("aria-valuenow", "100");
  }
}
