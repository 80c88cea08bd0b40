package chaincast.engine;

/**
 * How yearly shocks are built. A cell's unit-variance shock is {@code sqrt(cityWeight) Zcity +
 * sqrt(chainWeight) Zchain + sqrt(1 - cityWeight - chainWeight) Zown}; the per-path drift draws use
 * the same loadings (with their own factor draws). A chain with a single cell has no separate chain
 * factor: its share goes to the cell's own shock, which has the same law. With {@link
 * Distribution#STUDENT_T} every shock of one path and year is multiplied by {@code sqrt((nu - 2) /
 * G)}, {@code G ~ chi²(nu)}: a multivariate Student-t with unit variance. The per-path drift draws
 * stay normal.
 *
 * @param cityWeight share of variance common to every cell, in [0, 1]
 * @param chainWeight share common to the cells of one chain, in [0, 1 - cityWeight]
 * @param distribution normal or Student-t
 * @param degreesOfFreedom nu, &gt; 2 (ignored for NORMAL)
 */
public record ShockSpec(
    double cityWeight, double chainWeight, Distribution distribution, double degreesOfFreedom) {

  /** Marginal law of the shocks. */
  public enum Distribution {
    /** Normal shocks. */
    NORMAL,
    /** Multivariate Student-t shocks with {@code degreesOfFreedom}, scaled to unit variance. */
    STUDENT_T
  }
}
