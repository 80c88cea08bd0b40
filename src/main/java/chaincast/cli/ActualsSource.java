package chaincast.cli;

import chaincast.v1.ActualPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which actuals a calibration command uses: a stored dataset or a CSV file (exactly one). */
final class ActualsSource {
  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "ID",
      description = "A dataset stored on the server.")
  String datasetId;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE.csv",
      description =
          "A CSV file of actual points, sent inline: header subject_id,year,value,unit,period,"
              + "source,relative_error.")
  Path file;

  /** The file's points, or an empty list when a dataset is named. */
  List<ActualPoint> points() throws ActualsCsv.Invalid, IOException {
    return file == null ? List.of() : ActualsCsv.read(file);
  }

  String datasetIdOrEmpty() {
    return datasetId == null ? "" : datasetId;
  }
}
