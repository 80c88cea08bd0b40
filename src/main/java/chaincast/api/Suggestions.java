package chaincast.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean …" for an unknown id: the known ids closest to it by edit distance. Commons Text's
 * bounded Levenshtein gives up early past the bound, so checking a few hundred ids stays cheap.
 */
final class Suggestions {
  /** At most this many suggestions. */
  static final int LIMIT = 3;

  private Suggestions() {}

  /**
   * The known ids within a third of {@code id}'s length (at least 2, at most 6 edits) of it,
   * closest first, plus any that contain it or that it contains when nothing is that close.
   *
   * @param id the unknown id
   * @param known the ids that exist
   * @return up to {@link #LIMIT} ids, closest first
   */
  static List<String> closest(String id, Iterable<String> known) {
    int bound = Math.max(2, Math.min(6, id.length() / 3));
    LevenshteinDistance distance = new LevenshteinDistance(bound);
    record Scored(String id, int distance) {}
    List<Scored> near = new ArrayList<>();
    List<String> containing = new ArrayList<>();
    String lower = id.toLowerCase(Locale.ROOT);
    for (String k : known) {
      int d = distance.apply(lower, k.toLowerCase(Locale.ROOT));
      if (d >= 0) {
        near.add(new Scored(k, d));
      } else if (lower.length() >= 3 && (k.contains(lower) || lower.contains(k))) {
        containing.add(k);
      }
    }
    near.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id));
    List<String> out = new ArrayList<>();
    near.forEach(s -> out.add(s.id()));
    if (out.isEmpty()) {
      containing.stream().sorted(Comparator.comparingInt(String::length)).forEach(out::add);
    }
    return out.size() > LIMIT ? List.copyOf(out.subList(0, LIMIT)) : List.copyOf(out);
  }

  /**
   * "; did you mean 'a' or 'b'?", or "" when nothing is close.
   *
   * @param id the unknown id
   * @param known the ids that exist
   * @return the clause to append to a message
   */
  static String clause(String id, Iterable<String> known) {
    List<String> s = closest(id, known);
    if (s.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("; did you mean ");
    for (int i = 0; i < s.size(); i++) {
      if (i > 0) {
        b.append(i == s.size() - 1 ? " or " : ", ");
      }
      b.append('\'').append(s.get(i)).append('\'');
    }
    return b.append('?').toString();
  }
}
