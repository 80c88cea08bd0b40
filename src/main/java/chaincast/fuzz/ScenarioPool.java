package chaincast.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios the fuzz has stored, with their latest etags, so that gets, updates, deletes and
 * simulations name scenarios that exist (and, as writes race, some that just stopped existing).
 */
final class ScenarioPool {
  private final Map<String, String> etags = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();
  private volatile String pageToken = "";

  /** A scenario id no one has used yet. */
  String freshId(int worker) {
    return "fz-" + worker + "-" + created.incrementAndGet();
  }

  void stored(String id, String etag) {
    etags.put(id, etag);
  }

  void deleted(String id) {
    etags.remove(id);
  }

  /** Some stored scenario's id and etag, or null when there is none. */
  String[] any(SplittableRandom r) {
    List<Map.Entry<String, String>> all = new ArrayList<>(etags.entrySet());
    if (all.isEmpty()) {
      return null;
    }
    Map.Entry<String, String> e = all.get(r.nextInt(all.size()));
    return new String[] {e.getKey(), e.getValue()};
  }

  int size() {
    return etags.size();
  }

  /** A page token a listing returned (empty before the first). */
  String pageToken() {
    return pageToken;
  }

  void pageToken(String token) {
    pageToken = token;
  }
}
