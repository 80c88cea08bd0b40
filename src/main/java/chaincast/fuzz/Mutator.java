package chaincast.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates any protobuf request through reflection, so every field of every RPC is reachable (new
 * fields included, with no list to keep up to date), and says which field it changed in the API's
 * own path syntax, e.g. {@code spec.inline_overrides.cells[0].base_value}.
 */
final class Mutator {
  /** Element counts a repeated field is blown up to: around and far above the server's limits. */
  private static final int[] MANY = {21, 51, 501, 600};

  private final FuzzValues values;

  Mutator(FuzzValues values) {
    this.values = values;
  }

  /**
   * A mutated request and the paths of the fields it changed (an empty path: the request itself).
   */
  record Mutated(Message message, List<String> paths) {}

  /** {@code base} with {@code count} mutations. */
  Mutated mutate(Message base, int count, SplittableRandom r) {
    Message.Builder b = base.toBuilder();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      paths.add(mutateOne(b, "", r, paths));
    }
    return new Mutated(b.build(), paths);
  }

  /**
   * Changes one field below {@code b}; returns its path. Setting a member of a oneof clears the
   * member that was set, which is then a changed field too: it goes to {@code alsoChanged}.
   */
  private String mutateOne(
      Message.Builder b, String prefix, SplittableRandom r, List<String> alsoChanged) {
    List<FieldDescriptor> fields = b.getDescriptorForType().getFields();
    if (fields.isEmpty()) {
      // A request without fields: all a client can send is fields the server does not know.
      b.setUnknownFields(
          UnknownFieldSet.newBuilder(b.getUnknownFields())
              .mergeField(
                  1 + r.nextInt(1000),
                  UnknownFieldSet.Field.newBuilder().addVarint(r.nextLong()).build())
              .build());
      return prefix;
    }
    FieldDescriptor f = pick(b, fields, r);
    String path = prefix.isEmpty() ? f.getName() : prefix + "." + f.getName();
    if (f.getRealContainingOneof() != null) {
      FieldDescriptor current = b.getOneofFieldDescriptor(f.getRealContainingOneof());
      if (current != null && current != f) {
        alsoChanged.add(prefix.isEmpty() ? current.getName() : prefix + "." + current.getName());
      }
    }
    if (f.isRepeated()) {
      return mutateRepeated(b, f, path, r, alsoChanged);
    }
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      if (r.nextInt(8) == 0) {
        b.clearField(f);
        return path;
      }
      boolean created = !b.hasField(f);
      Message.Builder child =
          created ? b.newBuilderForField(f) : ((Message) b.getField(f)).toBuilder();
      String p = mutateOne(child, path, r, alsoChanged);
      b.setField(f, child.build());
      // A message the request did not have is part of the change: its other fields may be what is
      // wrong.
      return created ? path : p;
    }
    b.setField(f, scalar(f, r));
    return path;
  }

  private String mutateRepeated(
      Message.Builder b,
      FieldDescriptor f,
      String path,
      SplittableRandom r,
      List<String> alsoChanged) {
    int n = b.getRepeatedFieldCount(f);
    int choice = r.nextInt(10);
    boolean message = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (choice == 0) {
      b.clearField(f);
      return path;
    }
    if (choice == 1) {
      int many = MANY[r.nextInt(MANY.length)];
      for (int k = 0; k < many; k++) {
        b.addRepeatedField(f, message ? element(b, f, n, r) : scalar(f, r));
      }
      return path;
    }
    if (n == 0 || choice == 2) {
      b.addRepeatedField(f, message ? element(b, f, n, r) : scalar(f, r));
      return path + "[" + n + "]";
    }
    int i = r.nextInt(n);
    String at = path + "[" + i + "]";
    if (message) {
      if (r.nextInt(10) == 0) {
        b.setRepeatedField(f, i, b.newBuilderForField(f).build()); // an empty element
        return at;
      }
      Message.Builder child = ((Message) b.getRepeatedField(f, i)).toBuilder();
      String p = mutateOne(child, at, r, alsoChanged);
      b.setRepeatedField(f, i, child.build());
      return p;
    }
    b.setRepeatedField(f, i, scalar(f, r));
    return at;
  }

  /** A copy of an existing element (a duplicate) or a new, empty one. */
  private static Object element(Message.Builder b, FieldDescriptor f, int n, SplittableRandom r) {
    if (n > 0 && r.nextBoolean()) {
      return b.getRepeatedField(f, r.nextInt(n));
    }
    return b.newBuilderForField(f).build();
  }

  /** Mostly a field the request sets, so mutations reach deep into rich requests. */
  private static FieldDescriptor pick(
      Message.Builder b, List<FieldDescriptor> fields, SplittableRandom r) {
    List<FieldDescriptor> set = new ArrayList<>();
    for (FieldDescriptor f : fields) {
      if (f.isRepeated() ? b.getRepeatedFieldCount(f) > 0 : b.hasField(f)) {
        set.add(f);
      }
    }
    return !set.isEmpty() && r.nextInt(10) < 7
        ? set.get(r.nextInt(set.size()))
        : fields.get(r.nextInt(fields.size()));
  }

  private Object scalar(FieldDescriptor f, SplittableRandom r) {
    return switch (f.getJavaType()) {
      case DOUBLE -> values.nextDouble(r);
      case FLOAT -> (float) values.nextDouble(r);
      case INT -> (int) values.nextLong(r);
      case LONG -> values.nextLong(r);
      case BOOLEAN -> r.nextBoolean();
      case STRING -> values.nextString(r);
      case BYTE_STRING -> ByteString.copyFrom(randomBytes(r));
      case ENUM ->
          f.getEnumType()
              .findValueByNumberCreatingIfUnknown(
                  r.nextInt(-2, f.getEnumType().getValues().size() + 2));
      case MESSAGE -> throw new IllegalStateException("not a scalar: " + f.getFullName());
    };
  }

  private static byte[] randomBytes(SplittableRandom r) {
    byte[] bytes = new byte[r.nextInt(0, 64)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) r.nextInt(256);
    }
    return bytes;
  }
}
