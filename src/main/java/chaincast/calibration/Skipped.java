package chaincast.calibration;

/**
 * A series the estimator did not use, and why (a group total, a part-year figure, a count, too few
 * years).
 *
 * @param subjectId the series' subject, as given
 * @param reason a sentence a person can act on
 */
public record Skipped(String subjectId, String reason) {}
