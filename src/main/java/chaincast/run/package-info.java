/**
 * Turns a simulation request into an engine run and its result into a report.
 *
 * <p>{@link chaincast.run.ProjectionPlanner} resolves a validated {@code SimulationSpec} against
 * the {@link chaincast.model.Model}: which targets, which groups of cells, what overrides, what
 * fans, and {@link chaincast.run.ReportBuilder} maps the engine's numbers back onto targets, names
 * and units. No gRPC here (the API layer validates and maps errors), and no random numbers (the
 * engine draws them).
 */
package chaincast.run;
