package chaincast.cli;

import java.util.Locale;

/** How a command prints its result on stdout. */
enum OutputFormat {
  /** An aligned table for people: bilingual names, rounded figures, units in the headers. */
  TABLE,
  /**
   * Tidy rows as JSON: exactly the CSV's columns and values, numbers as JSON numbers (integers
   * beyond 2^53 as strings), empty fields as null. See README, "Tidy output".
   */
  JSON,
  /** RFC 4180 CSV with a header row, full-precision numbers, for scripts and spreadsheets. */
  CSV,
  /** The response message in protobuf's canonical JSON mapping (int64 as strings), one document. */
  PROTO_JSON;

  /** "table", "json", "csv" or "proto-json", any case, "_" for "-". */
  static OutputFormat parse(String text) {
    String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (OutputFormat f : values()) {
      if (f.name().equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of table, json, csv, proto-json");
  }

  /** The spelling the CLI documents. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
