/** What the overview says before any final report exists: nothing has earned the right to trade. */
export function NoRecommendationSection() {
  return (
    <section className="panel" data-testid="recommendation">
      <h2>What to trade</h2>
      <p className="muted" data-testid="recommendation-summary">
        No final report yet, so nothing has earned the right to trade. Run the pipeline above.
      </p>
    </section>
  );
}
