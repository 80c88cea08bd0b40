package chaincast.cli;

/** How a command prints its result on stdout. */
enum OutputFormat {
  /** An aligned table for people: bilingual names, rounded figures, units in the headers. */
  TABLE,
  /** The response message in protobuf's canonical JSON mapping, one document. */
  JSON,
  /** RFC 4180 CSV with a header row, full-precision numbers, for scripts and spreadsheets. */
  CSV
}
