package prefloop.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns valid single-object messages into hostile inputs: random bytes, truncations, bit flips,
 * unknown and foreign fingerprints, random bodies, oversized and trailing-garbage frames, and
 * bodies that announce absurd string or array lengths. Deterministic for a seed.
 */
final class AvroMutator {
  static final List<String> STRATEGIES =
      List.of(
          "random",
          "truncated",
          "bit-flip",
          "unknown-fingerprint",
          "foreign-message",
          "random-body",
          "insert-delete",
          "huge-length",
          "oversized",
          "trailing-garbage");

  private static final int HEADER = 10;

  private final SplittableRandom random;

  AvroMutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A hostile variant of {@code valid}; {@code foreign} is a valid message of another type. */
  FuzzCase mutate(byte[] valid, byte[] foreign) {
    String strategy = STRATEGIES.get(random.nextInt(STRATEGIES.size()));
    return new FuzzCase(strategy, apply(strategy, valid, foreign));
  }

  private byte[] apply(String strategy, byte[] valid, byte[] foreign) {
    return switch (strategy) {
      case "random" -> randomBytes(random.nextInt(64));
      case "truncated" -> Arrays.copyOf(valid, random.nextInt(valid.length));
      case "bit-flip" -> flipBits(valid, 1 + random.nextInt(8));
      case "unknown-fingerprint" -> withFingerprint(valid, random.nextLong());
      case "foreign-message" -> foreign.clone();
      case "random-body" -> concat(Arrays.copyOf(valid, HEADER), randomBytes(random.nextInt(256)));
      case "insert-delete" -> insertOrDelete(valid);
      case "huge-length" -> concat(Arrays.copyOf(valid, HEADER), hugeLengthBody());
      case "oversized" ->
          concat(Arrays.copyOf(valid, HEADER), filler(64 * 1024 + random.nextInt(192 * 1024)));
      case "trailing-garbage" -> concat(valid, randomBytes(1 + random.nextInt(64)));
      default -> throw new IllegalArgumentException("unknown strategy " + strategy);
    };
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private byte[] filler(int n) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, (byte) random.nextInt(256));
    return bytes;
  }

  private byte[] flipBits(byte[] valid, int flips) {
    byte[] bytes = valid.clone();
    for (int i = 0; i < flips; i++) {
      // keep the header: flips there are the fingerprint cases, tallied apart
      int at = HEADER + random.nextInt(bytes.length - HEADER);
      bytes[at] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  private static byte[] withFingerprint(byte[] valid, long fingerprint) {
    byte[] bytes = valid.clone();
    ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
    return bytes;
  }

  private byte[] insertOrDelete(byte[] valid) {
    int at = HEADER + random.nextInt(valid.length - HEADER);
    if (random.nextBoolean()) {
      return concat(Arrays.copyOf(valid, at), Arrays.copyOfRange(valid, at + 1, valid.length));
    }
    byte[] head = concat(Arrays.copyOf(valid, at), randomBytes(1 + random.nextInt(4)));
    return concat(head, Arrays.copyOfRange(valid, at, valid.length));
  }

  /** Avro zig-zag varints claiming strings/arrays of up to 2^62 entries, then a little data. */
  private byte[] hugeLengthBody() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int fields = 1 + random.nextInt(6);
    for (int f = 0; f < fields; f++) {
      long length = random.nextBoolean() ? Integer.MAX_VALUE : random.nextLong(1L << 62);
      long zigzag = (length << 1) ^ (length >> 63);
      while ((zigzag & ~0x7FL) != 0) {
        out.write((int) ((zigzag & 0x7F) | 0x80));
        zigzag >>>= 7;
      }
      out.write((int) zigzag);
    }
    out.writeBytes(randomBytes(random.nextInt(16)));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
