package chaincast.api;

import com.google.rpc.BadRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Every problem of a dataset import, one per bad cell of a row. All are counted; the status lists
 * the first ones that fit its budget ({@link ApiException#invalidArgument}) and its message says
 * how many there are in all, so a huge bad file gets a small error that still gives the size of the
 * job.
 */
final class DatasetViolations {
  private final List<BadRequest.FieldViolation> all = new ArrayList<>();

  void add(String field, String description) {
    all.add(
        BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build());
  }

  int count() {
    return all.size();
  }

  /** Forgets the violations added after the first {@code count}. */
  void clearSince(int count) {
    all.subList(count, all.size()).clear();
  }

  /** Throws INVALID_ARGUMENT with a {@code google.rpc.BadRequest} if there is any violation. */
  void throwIfAny() {
    if (!all.isEmpty()) {
      throw ApiException.invalidArgument(all);
    }
  }
}
