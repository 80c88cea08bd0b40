package chaincast.api;

import chaincast.engine.ParameterDomain;
import chaincast.model.Model;
import com.google.rpc.BadRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a request, so the caller learns every problem in one round trip
 * rather than one per call. Unknown ids are kept apart: they answer NOT_FOUND, the rest
 * INVALID_ARGUMENT.
 */
final class Violations {
  private final List<BadRequest.FieldViolation> invalid = new ArrayList<>();
  private ApiException notFound;

  void invalid(String field, String description) {
    invalid.add(
        BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build());
  }

  /** Adds a violation unless {@code value} lies in {@code domain}; returns true when it does. */
  boolean inDomain(String field, ParameterDomain domain, double value) {
    String problem = domain.violation(value);
    if (problem != null) {
      invalid(field, problem);
    }
    return problem == null;
  }

  void notFound(String resourceType, String id, String field) {
    if (notFound == null) {
      notFound = ApiException.notFound(resourceType, id, field);
    }
  }

  /**
   * As {@link #notFound(String, String, String)}, with "did you mean …" from the model's ids of
   * that kind.
   */
  void notFound(String resourceType, String id, String field, Model model) {
    if (notFound == null) {
      notFound =
          ApiException.notFound(
              resourceType, id, field, Suggestions.clause(id, ModelIds.of(model, resourceType)));
    }
  }

  boolean hasNotFound() {
    return notFound != null;
  }

  /** Throws INVALID_ARGUMENT if any field is invalid, else NOT_FOUND if any id is unknown. */
  void throwIfAny() {
    if (!invalid.isEmpty()) {
      throw ApiException.invalidArgument(invalid);
    }
    if (notFound != null) {
      throw notFound;
    }
  }
}
