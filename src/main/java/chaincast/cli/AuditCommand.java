package chaincast.cli;

import chaincast.v1.AuditFinding;
import chaincast.v1.GetAuditRequest;
import chaincast.v1.GetAuditResponse;
import chaincast.v1.ModelServiceGrpc;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast audit}: where the plans' own figures do not add up. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Show the consistency audit: breakdowns that do not sum, plans that disagree.")
final class AuditCommand extends ClientCommand {
  @Option(names = "--mismatches", description = "Only findings where the figures disagree.")
  boolean mismatchesOnly;

  @Override
  int run(Connection connection) {
    GetAuditResponse r =
        withDeadline(ModelServiceGrpc.newBlockingStub(connection.channel()))
            .getAudit(GetAuditRequest.newBuilder().setMismatchesOnly(mismatchesOnly).build());
    Output.print(format(), r, columns(), r.getFindingsList(), Terminal.out);
    if (format() == OutputFormat.TABLE) {
      long mismatches = r.getFindingsList().stream().filter(f -> !f.getConsistent()).count();
      Terminal.out.printf(
          Locale.ROOT, "%n%d findings, %d of them mismatches.%n", r.getFindingsCount(), mismatches);
    }
    return ExitCode.OK.code();
  }

  static List<Column<AuditFinding>> columns() {
    return List.of(
        Column.text("类型 Kind", "kind", f -> Formats.enumName(f.getKind())),
        Column.text("目标 Target", "headline_target_id", AuditFinding::getHeadlineTargetId),
        Column.number("年 Year", "year", f -> String.valueOf(f.getYear()), AuditFinding::getYear),
        Column.number(
            "目标值 Value",
            "headline_value",
            f -> Formats.amount(f.getHeadlineValue(), f.getUnit()),
            AuditFinding::getHeadlineValue),
        Column.number(
            "对比 Compared",
            "compared_value",
            f -> Formats.amount(f.getComparedValue(), f.getUnit()),
            AuditFinding::getComparedValue),
        Column.number(
            "差 Difference",
            "difference",
            f -> Formats.amount(f.getDifference(), f.getUnit()),
            AuditFinding::getDifference),
        Column.text("单位 Unit", "unit", f -> Formats.unit(f.getUnit())),
        Column.text("一致 OK", "consistent", f -> f.getConsistent() ? "yes" : "NO"),
        Column.csvOnly("part_target_ids", f -> String.join(";", f.getPartTargetIdsList())),
        Column.csvOnly("relative_difference", AuditFinding::getRelativeDifference),
        Column.text("说明 Explanation", "explanation", AuditFinding::getExplanation));
  }
}
