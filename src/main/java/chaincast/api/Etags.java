package chaincast.api;

import chaincast.run.ClientText;
import chaincast.store.ScenarioStore;

/** The etag a delete may carry, read the same way for scenarios and datasets. */
final class Etags {

  private Etags() {}

  /**
   * The version an optional etag names: -1 when none is given (delete whatever is stored).
   *
   * @throws ApiException INVALID_ARGUMENT on {@code etag} when it is not one this server issued
   */
  static long optionalVersion(String etag) {
    if (etag.isEmpty()) {
      return -1;
    }
    long version = ScenarioStore.versionOf(etag);
    if (version < 0) {
      throw ApiException.invalidField(
          "etag", "is not an etag this server issued, got " + ClientText.quote(etag));
    }
    return version;
  }
}
