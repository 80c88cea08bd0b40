package chaincast.seed;

import chaincast.model.Model;
import chaincast.model.SeedException;
import chaincast.v1.Actual;
import chaincast.v1.Cell;
import chaincast.v1.Chain;
import chaincast.v1.CountCell;
import chaincast.v1.JointSet;
import chaincast.v1.Observation;
import chaincast.v1.Plan;
import chaincast.v1.Region;
import chaincast.v1.Seed;
import chaincast.v1.Target;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the seed model: the protobuf text files listed, one per line, in {@code index.txt}, each a
 * {@link Seed}; the model is their union, in index order.
 *
 * <p>{@code index.txt}: one file name per line; blank lines and lines starting with {@code #} are
 * ignored; names are plain file names ending in {@code .textproto}. From a directory, every {@code
 * *.textproto} in it must be listed and every listed file must exist.
 *
 * <p>Every problem becomes a {@link SeedException} naming the file: a syntax error with its line
 * and column, a validation error (see {@link Model#of}) with the object and field, a duplicate id
 * with both files.
 */
public final class SeedLoader {

  /** The index file's name, in the seed directory and under {@code /seeds/} on the classpath. */
  public static final String INDEX = "index.txt";

  /** The classpath folder holding the shipped seeds. */
  public static final String CLASSPATH_DIR = "/seeds/";

  private static final TextFormat.Parser PARSER =
      TextFormat.Parser.newBuilder()
          .setSingularOverwritePolicy(
              TextFormat.Parser.SingularOverwritePolicy.FORBID_SINGULAR_OVERWRITES)
          .build();

  private SeedLoader() {}

  /** Reads, merges and validates the seed files listed in {@code dir/index.txt}. */
  public static Model fromDirectory(Path dir) {
    return build(readDirectory(dir));
  }

  /**
   * Reads, merges and validates the seed files listed in {@code /seeds/index.txt} on the classpath.
   */
  public static Model fromClasspath() {
    return build(readClasspath());
  }

  /** A seed file's name (as messages show it) and its text. */
  public record SourceFile(String name, String text) {}

  /** The files listed in {@code dir/index.txt}, in index order, checked against the directory. */
  public static List<SourceFile> readDirectory(Path dir) {
    Path index = dir.resolve(INDEX);
    if (!Files.isRegularFile(index)) {
      throw new SeedException(index + ": seed index not found");
    }
    List<String> names = parseIndex(index.toString(), read(index));
    Set<String> onDisk = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.textproto")) {
      for (Path p : ds) {
        onDisk.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new SeedException(dir + ": cannot list the seed directory: " + e.getMessage(), e);
    }
    for (String n : onDisk) {
      if (!names.contains(n)) {
        throw new SeedException(dir.resolve(n) + ": not listed in " + index);
      }
    }
    List<SourceFile> out = new ArrayList<>();
    for (String n : names) {
      Path p = dir.resolve(n);
      if (!Files.isRegularFile(p)) {
        throw new SeedException(p + ": listed in " + index + " but missing");
      }
      out.add(new SourceFile(p.toString(), read(p)));
    }
    return out;
  }

  /** The files listed in {@code /seeds/index.txt} on the classpath, in index order. */
  public static List<SourceFile> readClasspath() {
    String index = CLASSPATH_DIR + INDEX;
    String indexText = resource(index);
    if (indexText == null) {
      throw new SeedException("classpath:" + index + ": seed index not found");
    }
    List<SourceFile> out = new ArrayList<>();
    for (String n : parseIndex("classpath:" + index, indexText)) {
      String text = resource(CLASSPATH_DIR + n);
      if (text == null) {
        throw new SeedException(
            "classpath:" + CLASSPATH_DIR + n + ": listed in " + index + " but missing");
      }
      out.add(new SourceFile("classpath:" + CLASSPATH_DIR + n, text));
    }
    return out;
  }

  /**
   * Parses, merges and validates seed files given in memory.
   *
   * @throws SeedException naming the file of the problem
   */
  public static Model build(List<SourceFile> files) {
    Merger merger = new Merger();
    for (SourceFile f : files) {
      merger.add(f.name(), parse(f.name(), f.text()));
    }
    Seed seed = merger.seed();
    try {
      return Model.of(seed);
    } catch (SeedException e) {
      String file = merger.fileOf(e);
      throw file == null ? e : e.inFile(file);
    }
  }

  /**
   * Parses one seed file.
   *
   * @throws SeedException with the file, line, column and the parser's reason on a syntax error
   */
  public static Seed parse(String fileName, String text) {
    Seed.Builder b = Seed.newBuilder();
    try {
      PARSER.merge(text, b);
    } catch (TextFormat.ParseException e) {
      throw SeedException.syntax(fileName, e.getLine(), e.getColumn(), reason(e), e);
    }
    return b.build();
  }

  private static String reason(TextFormat.ParseException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = e.getLine() + ":" + e.getColumn() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  static List<String> parseIndex(String indexName, String text) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = indexName + ":" + (i + 1) + ": ";
      if (line.contains("/") || line.contains("\\") || !line.endsWith(".textproto")) {
        throw new SeedException(where + "'" + line + "' is not a plain *.textproto file name");
      }
      if (!seen.add(line)) {
        throw new SeedException(where + "'" + line + "' is listed twice");
      }
      names.add(line);
    }
    if (names.isEmpty()) {
      throw new SeedException(indexName + ": lists no seed file");
    }
    return names;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SeedException(p + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = SeedLoader.class.getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Concatenates seeds and remembers which file each object came from. */
  private static final class Merger {
    private final Seed.Builder seed = Seed.newBuilder();
    private final Map<String, String> origin = new HashMap<>();
    private String shocksFile;

    void add(String file, Seed s) {
      track(file, "plan", s.getPlansList(), Plan::getId);
      track(file, "region", s.getRegionsList(), Region::getId);
      track(file, "chain", s.getChainsList(), Chain::getId);
      track(file, "target", s.getTargetsList(), Target::getId);
      track(file, "actual", s.getActualsList(), Actual::getId);
      track(file, "cell", s.getCellsList(), Cell::getId);
      track(file, "joint set", s.getJointSetsList(), JointSet::getId);
      track(file, "count cell", s.getCountCellsList(), CountCell::getId);
      track(file, "observation", s.getObservationsList(), Observation::getId);
      if (s.hasShocks()) {
        if (shocksFile != null) {
          throw SeedException.at("shocks", "", null, "shock settings are also set in " + shocksFile)
              .inFile(file);
        }
        shocksFile = file;
        seed.setShocks(s.getShocks());
      }
      seed.addAllPlans(s.getPlansList())
          .addAllRegions(s.getRegionsList())
          .addAllChains(s.getChainsList())
          .addAllTargets(s.getTargetsList())
          .addAllActuals(s.getActualsList())
          .addAllCells(s.getCellsList())
          .addAllJointSets(s.getJointSetsList())
          .addAllCountCells(s.getCountCellsList())
          .addAllObservations(s.getObservationsList());
    }

    private <T> void track(String file, String kind, List<T> items, Function<T, String> id) {
      for (T item : items) {
        String key = id.apply(item);
        if (key.isEmpty()) {
          origin.putIfAbsent(kind + ":", file); // the validator reports it; locate the first one
          continue;
        }
        String first = origin.putIfAbsent(kind + ":" + key, file);
        if (first != null) {
          String where = first.equals(file) ? "earlier in the same file" : "also in " + first;
          throw SeedException.at(kind, key, "id", "duplicate id (" + where + ")").inFile(file);
        }
      }
    }

    Seed seed() {
      return seed.build();
    }

    String fileOf(SeedException e) {
      String kind = e.objectKind().orElse(null);
      if (kind == null) {
        return null;
      }
      if (kind.equals("shocks")) {
        return shocksFile;
      }
      return origin.get(kind + ":" + e.objectId().orElse(""));
    }
  }
}
