package chaincast.api;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of one call, to find its log lines: the client's {@code x-request-id} when it sent a sane
 * one (so a gateway's or client's id carries through), else one made here.
 *
 * <p>The server's interceptor puts it into the call's {@link Context} before any other server code
 * runs, logs it on the call's access line and returns it to the client in the response headers and
 * trailers. Services read it with {@link #current()}.
 */
public final class RequestId {
  /** The metadata key, in requests and in responses. */
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /** The context key the server's interceptor sets. */
  public static final Context.Key<String> KEY = Context.key("chaincast-request-id");

  /** Longest client id kept: room for a UUID with a prefix, short enough for every log line. */
  public static final int MAX_LENGTH = 64;

  /**
   * What a client's id may hold: letters, digits and {@code . _ : / + -} (UUIDs, ULIDs, unpadded
   * base64 and trace ids), so that it can never break a log line or forge another field in it.
   */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+-]{1," + MAX_LENGTH + "}");

  private RequestId() {}

  /**
   * The current call's id, or {@code null} outside a call.
   *
   * @return the id the interceptor attached to this call
   */
  public static String current() {
    return KEY.get();
  }

  /**
   * The client's id if it is sane, else a new one.
   *
   * @param sent the id the client sent, or null
   * @return the id to use for the call
   */
  public static String fromClient(String sent) {
    return isSane(sent) ? sent : generate();
  }

  /**
   * Whether a client's id is kept as it is.
   *
   * @param sent the id the client sent, or null
   * @return true if it is short and made of safe characters only
   */
  public static boolean isSane(String sent) {
    return sent != null && SANE.matcher(sent).matches();
  }

  /**
   * A new id: 128 random bits in the UUID text form. {@link ThreadLocalRandom}, not {@code
   * UUID.randomUUID()}'s SecureRandom, because an id finds log lines and guards nothing, and the
   * secure generator's lock would be taken on every call.
   *
   * @return a fresh id
   */
  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }
}
