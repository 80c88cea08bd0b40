package chaincast.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of a Prometheus text endpoint (format 0.0.4), parsed into samples, so that the load
 * driver can read the server's heap and counters, and tests can check what the endpoint serves,
 * through the same HTTP a Prometheus server uses.
 */
public final class Scrape {
  /** One sample: a series name, its labels in the order given, and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /**
   * One client for every scrape: making one takes long enough to skew a measured window's first
   * scrape.
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<Sample> samples;
  private final String text;

  private Scrape(List<Sample> samples, String text) {
    this.samples = samples;
    this.text = text;
  }

  /**
   * GETs {@code endpoint} and parses the answer.
   *
   * @throws IOException if the endpoint does not answer 200
   */
  public static Scrape fetch(URI endpoint) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(endpoint + " answered HTTP " + response.statusCode());
    }
    return parse(response.body());
  }

  /** Parses Prometheus text; comment and blank lines are skipped. */
  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line.strip()));
      }
    }
    return new Scrape(List.copyOf(samples), text);
  }

  /** Every sample, in the order served. */
  public List<Sample> samples() {
    return samples;
  }

  /** The text as served. */
  public String text() {
    return text;
  }

  /** Whether any sample has this series name. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /**
   * The sum of the samples named {@code name} whose labels include every pair in {@code labels}
   * (given as name, value, name, value...); 0 when there are none.
   */
  public double sum(String name, String... labels) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s.labels(), labels)) {
        total += s.value();
      }
    }
    return total;
  }

  private static boolean matches(Map<String, String> have, String[] want) {
    for (int i = 0; i + 1 < want.length; i += 2) {
      if (!want[i + 1].equals(have.get(want[i]))) {
        return false;
      }
    }
    return true;
  }

  /** {@code name{a="x",b="y"} value [timestamp]}, label values with {@code \\ \" \n} escapes. */
  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).strip().split(" ", -1);
    return new Sample(name, Map.copyOf(labels), value(rest[0]));
  }

  /** Reads labels from {@code i} to the closing brace; returns the index after it. */
  private static int labels(String line, int i, Map<String, String> into) {
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2; // past ="
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\') {
          char next = line.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
        j++;
      }
      into.put(key, value.toString());
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }

  private static double value(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
