package chaincast.seed;

import chaincast.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** The shipped seeds, and scratch copies of them for tests that break things. */
final class TestSeeds {

  /** The project's seeds/ directory (surefire runs in the project base directory). */
  static final Path DIR = Path.of("seeds");

  private static Model model;

  private TestSeeds() {}

  /** The shipped seeds, loaded once from the directory. */
  static synchronized Model model() {
    if (model == null) {
      model = SeedLoader.fromDirectory(DIR);
    }
    return model;
  }

  /** Copies the shipped seed directory (index and *.textproto) into {@code into}. */
  static Path copy(Path into) {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String n = p.getFileName().toString();
        if (n.endsWith(".textproto") || n.equals(SeedLoader.INDEX)) {
          Files.copy(p, into.resolve(n));
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} as {@code name} in {@code dir} and appends it to the index. */
  static void addFile(Path dir, String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve(SeedLoader.INDEX),
          name + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the first occurrence of {@code from} in {@code dir/name}; fails if absent. */
  static void edit(Path dir, String name, String from, String to) {
    try {
      Path p = dir.resolve(name);
      String s = Files.readString(p, StandardCharsets.UTF_8);
      int i = s.indexOf(from);
      if (i < 0) {
        throw new IllegalArgumentException("'" + from + "' not in " + name);
      }
      Files.writeString(
          p, s.substring(0, i) + to + s.substring(i + from.length()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
