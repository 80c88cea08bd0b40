package chaincast.seed;

import chaincast.model.Model;
import chaincast.v1.AuditFinding;
import chaincast.v1.Cell;
import chaincast.v1.Chain;
import chaincast.v1.ChainFamily;
import chaincast.v1.Comparison;
import chaincast.v1.FindingKind;
import chaincast.v1.Plan;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the plans' figures do not add up. Pure function of the model; findings come in a stable
 * order: all BREAKDOWN findings, then CROSS_PLAN, SIZE_CLASS and RELATED_SCOPE, each in the model
 * order of its headline target (then of the compared target).
 *
 * <ul>
 *   <li><b>BREAKDOWN</b>: for each OUTPUT or COUNT target H, the other targets of the same plan,
 *       year, metric and kind whose cell sets are strict subsets of H's; candidates contained in
 *       another candidate are dropped; if the rest are pairwise disjoint and cover H, H is compared
 *       with their sum. Count targets are compared through the cells their scopes select too (every
 *       county of a pharma count target has a pharma cell).
 *   <li><b>CROSS_PLAN</b>: OUTPUT or COUNT targets of different plans with the same kind, metric,
 *       year and cell set. The headline is the target of the newest plan vintage; each target of
 *       another plan is compared with it.
 *   <li><b>SIZE_CLASS</b>: each CHAINS_ABOVE target against the number of its chains whose own
 *       output target in the same plan and year is at least the level.
 *   <li><b>RELATED_SCOPE</b>: each simulated target on ZONE-family chains against the sum of the
 *       same-year whole-chain output targets of the related city chains (newest vintage per chain).
 *       The headline is the zone target; compared_value is the sum.
 * </ul>
 *
 * Targets whose scope selects no cell take part in none of these.
 */
public final class ConsistencyAudit {

  private static final double EPS = 1e-9;

  private ConsistencyAudit() {}

  /** Runs every check; the list is immutable. */
  public static List<AuditFinding> run(Model model) {
    Context ctx = new Context(model);
    List<AuditFinding> out = new ArrayList<>();
    breakdown(ctx, out);
    crossPlan(ctx, out);
    sizeClass(ctx, out);
    relatedScope(ctx, out);
    return List.copyOf(out);
  }

  // ---- BREAKDOWN

  private static void breakdown(Context ctx, List<AuditFinding> out) {
    for (Target h : ctx.model.targets()) {
      if (!isOutputOrCount(h)) {
        continue;
      }
      Set<String> hc = ctx.cells(h);
      if (hc.isEmpty()) {
        continue;
      }
      List<Target> candidates = new ArrayList<>();
      for (Target t : ctx.model.targets()) {
        if (t.getId().equals(h.getId())
            || t.getKind() != h.getKind()
            || !t.getPlanId().equals(h.getPlanId())
            || t.getYear() != h.getYear()
            || !t.getMetric().equals(h.getMetric())) {
          continue;
        }
        Set<String> tc = ctx.cells(t);
        if (!tc.isEmpty() && tc.size() < hc.size() && hc.containsAll(tc)) {
          candidates.add(t);
        }
      }
      List<Target> parts = new ArrayList<>();
      for (Target t : candidates) {
        Set<String> tc = ctx.cells(t);
        boolean inner = false;
        for (Target u : candidates) {
          Set<String> uc = ctx.cells(u);
          if (!u.getId().equals(t.getId()) && uc.size() > tc.size() && uc.containsAll(tc)) {
            inner = true;
            break;
          }
        }
        if (!inner) {
          parts.add(t);
        }
      }
      if (parts.isEmpty()) {
        continue;
      }
      Set<String> union = new LinkedHashSet<>();
      int total = 0;
      for (Target p : parts) {
        Set<String> pc = ctx.cells(p);
        union.addAll(pc);
        total += pc.size();
      }
      if (union.size() != total || !union.equals(hc)) {
        continue; // overlapping parts, or parts that do not cover the headline
      }
      double sum = 0;
      for (Target p : parts) {
        sum += p.getValue();
      }
      double diff = sum - h.getValue();
      boolean ok = Math.abs(diff) <= EPS;
      String expl =
          String.format(
              "The %d parts of %s (%s, %d) add up to %s against a headline of %s%s.",
              parts.size(),
              h.getId(),
              h.getPlanId(),
              h.getYear(),
              amount(sum, h.getUnit()),
              amount(h.getValue(), h.getUnit()),
              ok ? ", as they should" : ": " + delta(diff, h.getValue(), h.getUnit()));
      out.add(
          finding(
              FindingKind.FINDING_KIND_BREAKDOWN,
              h,
              parts,
              h.getValue(),
              sum,
              h.getUnit(),
              ok,
              expl));
    }
  }

  // ---- CROSS_PLAN

  private static void crossPlan(Context ctx, List<AuditFinding> out) {
    Map<String, List<Target>> groups = new LinkedHashMap<>();
    for (Target t : ctx.model.targets()) {
      if (!isOutputOrCount(t) || ctx.cells(t).isEmpty()) {
        continue;
      }
      String key =
          t.getKind()
              + "|"
              + t.getMetric()
              + "|"
              + t.getYear()
              + "|"
              + String.join(",", new TreeSet<>(ctx.cells(t)));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    List<AuditFinding> found = new ArrayList<>();
    List<int[]> order = new ArrayList<>();
    for (List<Target> g : groups.values()) {
      if (g.stream().map(Target::getPlanId).distinct().count() < 2) {
        continue;
      }
      Target head = g.get(0);
      for (Target t : g) {
        if (ctx.vintage(t) > ctx.vintage(head)) {
          head = t;
        }
      }
      for (Target t : g) {
        if (t.getPlanId().equals(head.getPlanId())) {
          continue;
        }
        double diff = t.getValue() - head.getValue();
        boolean ok = Math.abs(diff) <= EPS;
        String expl =
            String.format(
                "For the same cells in %d, %s (%s, vintage %d) sets %s while %s (%s, vintage %d) sets %s%s.",
                head.getYear(),
                head.getId(),
                head.getPlanId(),
                ctx.vintage(head),
                amount(head.getValue(), head.getUnit()),
                t.getId(),
                t.getPlanId(),
                ctx.vintage(t),
                amount(t.getValue(), t.getUnit()),
                ok ? ": the plans agree" : ": " + delta(diff, head.getValue(), head.getUnit()));
        found.add(
            finding(
                FindingKind.FINDING_KIND_CROSS_PLAN,
                head,
                List.of(t),
                head.getValue(),
                t.getValue(),
                head.getUnit(),
                ok,
                expl));
        order.add(new int[] {ctx.position(head), ctx.position(t)});
      }
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      idx.add(i);
    }
    idx.sort(
        (a, b) -> {
          int c = Integer.compare(order.get(a)[0], order.get(b)[0]);
          return c != 0 ? c : Integer.compare(order.get(a)[1], order.get(b)[1]);
        });
    for (int i : idx) {
      out.add(found.get(i));
    }
  }

  // ---- SIZE_CLASS

  private static void sizeClass(Context ctx, List<AuditFinding> out) {
    for (Target s : ctx.model.targets()) {
      if (s.getKind() != TargetKind.TARGET_KIND_CHAINS_ABOVE) {
        continue;
      }
      List<Target> above = new ArrayList<>();
      for (String chainId : s.getScope().getChainIdsList()) {
        Target ct = ctx.chainTarget(chainId, s.getYear(), s.getPlanId());
        if (ct != null && ct.getValue() >= s.getLevel()) {
          above.add(ct);
        }
      }
      double count = above.size();
      boolean ok =
          s.getComparison() == Comparison.COMPARISON_GREATER_THAN
              ? count > s.getValue()
              : count >= s.getValue();
      String listed =
          above.isEmpty()
              ? "none"
              : above.stream()
                  .map(t -> t.getScope().getChainIds(0) + " " + num(t.getValue()))
                  .collect(Collectors.joining(", "));
      String expl =
          String.format(
              "%s asks for %s %s %s at %s 亿元 or more in %d; the plan's own chain targets put %d there (%s)%s.",
              s.getId(),
              s.getComparison() == Comparison.COMPARISON_GREATER_THAN ? "more than" : "at least",
              num(s.getValue()),
              s.getValue() == 1 ? "chain" : "chains",
              num(s.getLevel()),
              s.getYear(),
              above.size(),
              listed,
              ok ? "" : ", " + num(s.getValue() - count) + " short");
      out.add(
          finding(
              FindingKind.FINDING_KIND_SIZE_CLASS,
              s,
              above,
              s.getValue(),
              count,
              Unit.UNIT_COUNT,
              ok,
              expl));
    }
  }

  // ---- RELATED_SCOPE

  private static void relatedScope(Context ctx, List<AuditFinding> out) {
    for (Target z : ctx.model.targets()) {
      if (!ctx.model.isSimulated(z) || z.getKind() != TargetKind.TARGET_KIND_OUTPUT) {
        continue;
      }
      List<String> scopeChains = z.getScope().getChainIdsList();
      if (scopeChains.isEmpty()) {
        continue;
      }
      Set<String> related = new LinkedHashSet<>();
      boolean allZone = true;
      for (String c : scopeChains) {
        Chain chain = ctx.model.chain(c).orElseThrow();
        if (chain.getFamily() != ChainFamily.CHAIN_FAMILY_ZONE) {
          allZone = false;
          break;
        }
        related.addAll(chain.getRelatedChainIdsList());
      }
      if (!allZone || related.isEmpty()) {
        continue;
      }
      List<Target> parts = new ArrayList<>();
      for (String r : related) {
        Target ct = ctx.chainTarget(r, z.getYear(), null);
        if (ct != null) {
          parts.add(ct);
        }
      }
      if (parts.isEmpty()) {
        continue;
      }
      double sum = parts.stream().mapToDouble(Target::getValue).sum();
      double diff = sum - z.getValue();
      boolean ok = Math.abs(diff) <= EPS;
      String listed =
          parts.stream()
              .map(
                  t ->
                      t.getScope().getChainIds(0)
                          + " "
                          + num(t.getValue())
                          + " ("
                          + t.getPlanId()
                          + ")")
              .collect(Collectors.joining(", "));
      String expl =
          String.format(
              "%s (%s) sets %s for %s in %d; the related city chains' %d targets add up to %s (%s)%s, "
                  + "over scopes that overlap without being equal.",
              z.getId(),
              z.getPlanId(),
              amount(z.getValue(), z.getUnit()),
              String.join(", ", scopeChains),
              z.getYear(),
              z.getYear(),
              amount(sum, z.getUnit()),
              listed,
              ok ? "" : ": " + delta(diff, z.getValue(), z.getUnit()));
      out.add(
          finding(
              FindingKind.FINDING_KIND_RELATED_SCOPE,
              z,
              parts,
              z.getValue(),
              sum,
              z.getUnit(),
              ok,
              expl));
    }
  }

  // ---- helpers

  private static boolean isOutputOrCount(Target t) {
    return t.getKind() == TargetKind.TARGET_KIND_OUTPUT
        || t.getKind() == TargetKind.TARGET_KIND_COUNT;
  }

  private static AuditFinding finding(
      FindingKind kind,
      Target headline,
      List<Target> parts,
      double headlineValue,
      double compared,
      Unit unit,
      boolean consistent,
      String explanation) {
    double diff = compared - headlineValue;
    // relative difference is undefined for a zero headline: NaN unless the values agree
    double rel = headlineValue != 0 ? diff / headlineValue : (diff == 0 ? 0 : Double.NaN);
    return AuditFinding.newBuilder()
        .setKind(kind)
        .setHeadlineTargetId(headline.getId())
        .addAllPartTargetIds(parts.stream().map(Target::getId).collect(Collectors.toList()))
        .setHeadlineValue(headlineValue)
        .setComparedValue(compared)
        .setDifference(diff)
        .setRelativeDifference(rel)
        .setUnit(unit)
        .setConsistent(consistent)
        .setExplanation(explanation)
        .setYear(headline.getYear())
        .build();
  }

  private static String num(double v) {
    return new BigDecimal(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String amount(double v, Unit unit) {
    switch (unit) {
      case UNIT_YI_YUAN:
        return num(v) + " 亿元";
      case UNIT_YI_USD:
        return num(v) + " 亿美元";
      case UNIT_PERCENT:
        return num(v) + "%";
      default:
        return num(v);
    }
  }

  private static String delta(double diff, double base, Unit unit) {
    String word = diff > 0 ? "more" : "less";
    String rel = base != 0 ? String.format(" (%+.1f%%)", 100 * diff / base) : "";
    return amount(Math.abs(diff), unit) + " " + word + rel;
  }

  /** Per-run caches: cell sets of targets, model positions, plan vintages, chain targets. */
  private static final class Context {
    final Model model;
    private final Map<String, Set<String>> cellsOf = new HashMap<>();
    private final Map<String, Integer> position = new HashMap<>();

    Context(Model model) {
      this.model = model;
      List<Target> ts = model.targets();
      for (int i = 0; i < ts.size(); i++) {
        position.put(ts.get(i).getId(), i);
      }
    }

    Set<String> cells(Target t) {
      return cellsOf.computeIfAbsent(
          t.getId(),
          k -> {
            Set<String> s = new LinkedHashSet<>();
            for (Cell c : model.cellsIn(t.getScope())) {
              s.add(c.getId());
            }
            return s;
          });
    }

    int position(Target t) {
      return position.get(t.getId());
    }

    int vintage(Target t) {
      return model.plan(t.getPlanId()).map(Plan::getVintage).orElse(0);
    }

    /**
     * The OUTPUT target on exactly the whole of {@code chainId} for {@code year}: of {@code planId}
     * if given (first in model order), else of the newest vintage (first in model order on ties).
     */
    Target chainTarget(String chainId, int year, String planId) {
      Set<String> whole = new LinkedHashSet<>();
      for (Cell c : model.cellsOfChain(chainId)) {
        whole.add(c.getId());
      }
      if (whole.isEmpty()) {
        return null;
      }
      Target best = null;
      for (Target t : model.targets()) {
        if (t.getKind() != TargetKind.TARGET_KIND_OUTPUT
            || t.getYear() != year
            || t.getScope().getChainIdsCount() != 1
            || !t.getScope().getChainIds(0).equals(chainId)
            || (planId != null && !t.getPlanId().equals(planId))
            || !cells(t).equals(whole)) {
          continue;
        }
        if (best == null || vintage(t) > vintage(best)) {
          best = t;
        }
      }
      return best;
    }
  }
}
