package chaincast.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/** Bodies for {@link RawBodyFuzz}: mostly not protobuf, some protobuf that only just is. */
final class RawBodies {
  /** Nesting of the group bomb: beyond protobuf's default recursion limit of 100. */
  private static final int GROUP_DEPTH = 150;

  private RawBodies() {}

  static byte[] next(SplittableRandom r) {
    return switch (r.nextInt(9)) {
      case 0 -> new byte[] {(byte) 0xff, (byte) 0xff};
      case 1 -> random(r, r.nextInt(1, 64));
      case 2 -> new byte[0];
      // field 1, length-delimited, holding invalid UTF-8 (0xc3 0x28): a bad string
      case 3 -> new byte[] {0x0a, 0x02, (byte) 0xc3, 0x28};
      // field 1 as a varint of eleven bytes: malformed
      case 4 ->
          new byte[] {
            0x08,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            0x01
          };
      // field 1, length 100, then three bytes: past the end
      case 5 -> new byte[] {0x0a, 0x64, 0x01, 0x02, 0x03};
      case 6 -> groupBomb();
      // field 1 length-delimited holding a nested field that is again length-delimited...: a
      // plausible prefix, cut
      case 7 -> new byte[] {0x0a, 0x0a, 0x12, 0x08, 0x0a, 0x06, 0x70, 0x68};
      default -> {
        byte[] b = random(r, r.nextInt(1, 16));
        b[0] = (byte) (r.nextInt(1, 16) << 3 | r.nextInt(6)); // a plausible tag first
        yield b;
      }
    };
  }

  /** An unknown field (number 9) of group type, nested {@link #GROUP_DEPTH} deep. */
  private static byte[] groupBomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < GROUP_DEPTH; i++) {
      out.write(9 << 3 | 3); // start group
    }
    for (int i = 0; i < GROUP_DEPTH; i++) {
      out.write(9 << 3 | 4); // end group
    }
    return out.toByteArray();
  }

  private static byte[] random(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** The first bytes in hex, for reports. */
  static String hex(byte[] body) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(body.length, 24); i++) {
      s.append(String.format("%02x", body[i] & 0xff));
    }
    return (body.length > 24 ? s + "…" : s.toString()) + " (" + body.length + " bytes)";
  }
}
