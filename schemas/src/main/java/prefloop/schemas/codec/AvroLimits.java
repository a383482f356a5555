package prefloop.schemas.codec;

import org.apache.avro.SystemLimitException;

/**
 * Upper bounds on the lengths an Avro body may claim, so that a forged length (an array of two
 * billion items in a 60-byte record) is a decode error instead of an allocation that exhausts the
 * heap. Avro reads the bounds from JVM-wide system properties once, when its limit checks are first
 * used; {@link #install()} sets them, unless the user already did, before any codec decodes.
 *
 * <p>The bounds are far above any message we write: PNGs of a 32×32 image are a few KiB, inline
 * trajectories are at most a few MiB, a group has at most 16 images.
 */
final class AvroLimits {
  static final long MAX_BYTES = 64L << 20;
  static final long MAX_STRING = 16L << 20;
  static final long MAX_ITEMS = 1_000_000;

  private AvroLimits() {}

  /** Sets the three Avro limits when unset; says so when Avro had fixed larger ones already. */
  static void install() {
    setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_BYTES);
    setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_STRING);
    setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_ITEMS);
  }

  /** Whether a claim of {@code items} collection entries is refused by Avro in this JVM. */
  static boolean refusesCollectionOf(long items) {
    try {
      SystemLimitException.checkMaxCollectionLength(0, items);
      return false;
    } catch (SystemLimitException e) {
      return true;
    }
  }

  private static void setIfAbsent(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(value));
    }
  }
}
