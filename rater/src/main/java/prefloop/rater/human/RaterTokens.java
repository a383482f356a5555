package prefloop.rater.human;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-rater tokens: a file of {@code name<TAB>sha256(token)[<TAB>expiry]} lines. Only the hashes
 * are stored, so the file does not let anyone rate; the token itself is printed once, when it is
 * made. A label sent with a token is attributed to the token's rater, whatever name the page sent.
 * A token with an expiry (an ISO-8601 instant) stops working then. The file is re-read when it
 * changes, so tokens added or removed while the rater runs take effect at once. Thread-safe.
 */
public final class RaterTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One stored token: its rater, and when it stops working (null: never). */
  private record Entry(String rater, Instant expires) {}

  private final Path file;
  private final Clock clock;
  private Map<String, Entry> byHash = Map.of();
  private String readVersion = "";

  private RaterTokens(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The tokens in {@code file}, which must exist (make one with {@link #add}). */
  public static RaterTokens load(Path file) {
    return load(file, Clock.systemUTC());
  }

  /** As {@link #load(Path)}, judging expiry by {@code clock}. */
  public static RaterTokens load(Path file, Clock clock) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no rater tokens file "
              + file.toAbsolutePath()
              + "; make one with `prefloop rater tokens add NAME --file "
              + file
              + "`");
    }
    RaterTokens tokens = new RaterTokens(file, clock);
    tokens.refresh();
    return tokens;
  }

  /** The rater {@code token} belongs to, if any. */
  public synchronized Optional<String> raterFor(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    refresh();
    byte[] given = sha256(token).getBytes(StandardCharsets.UTF_8);
    Entry match = null;
    for (Map.Entry<String, Entry> entry : byHash.entrySet()) {
      // compare every stored hash in constant time, so timing says nothing about a near miss
      if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
        match = entry.getValue();
      }
    }
    if (match == null || (match.expires() != null && !clock.instant().isBefore(match.expires()))) {
      return Optional.empty();
    }
    return Optional.of(match.rater());
  }

  /** Makes a token for {@code name} that never expires; see {@link #add(Path, String, Instant)}. */
  public static String add(Path file, String name) throws IOException {
    return add(file, name, null);
  }

  /**
   * Makes a token for {@code name}, stores its hash in {@code file} and returns the token.
   *
   * @param expires when the token stops working; null for never
   */
  public static synchronized String add(Path file, String name, Instant expires)
      throws IOException {
    if (!HumanRatings.validName(name)) {
      throw new IllegalArgumentException(
          "rater name must be 1-64 of letters, digits, space . _ @ -, was '" + name + "'");
    }
    Map<String, Entry> lines = read(file);
    if (lines.values().stream().anyMatch(e -> e.rater().equals(name))) {
      throw new IllegalArgumentException(
          "rater " + name + " already has a token; remove it first to make a new one");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    lines.put(sha256(token), new Entry(name, expires));
    write(file, lines);
    return token;
  }

  /** Removes {@code name}'s token; false when there was none. */
  public static synchronized boolean remove(Path file, String name) throws IOException {
    Map<String, Entry> lines = read(file);
    boolean removed = lines.values().removeIf(e -> e.rater().equals(name));
    if (removed) {
      write(file, lines);
    }
    return removed;
  }

  /** The raters that have a token, in the file's order. */
  public static List<String> names(Path file) throws IOException {
    return read(file).values().stream().map(Entry::rater).toList();
  }

  private void refresh() {
    try {
      // time and size: two writes within one clock tick still differ in size
      String version = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
      if (!version.equals(readVersion)) {
        byHash = Map.copyOf(read(file));
        readVersion = version;
      }
    } catch (IOException e) {
      // keep the tokens read last: a file being rewritten must not lock everyone out
    }
  }

  private static Map<String, Entry> read(Path file) throws IOException {
    Map<String, Entry> lines = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return lines;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length < 2 || parts.length > 3 || !parts[1].matches("[0-9a-f]{64}")) {
        throw new IOException(
            "bad line in rater tokens file "
                + file
                + ": expected NAME<TAB>SHA256[<TAB>EXPIRY], got '"
                + line
                + "'");
      }
      Instant expires;
      try {
        expires = parts.length == 3 ? Instant.parse(parts[2]) : null;
      } catch (DateTimeParseException e) {
        throw new IOException(
            "bad expiry in rater tokens file " + file + ": '" + parts[2] + "'", e);
      }
      lines.put(parts[1], new Entry(parts[0], expires));
    }
    return lines;
  }

  private static void write(Path file, Map<String, Entry> lines) throws IOException {
    StringBuilder text =
        new StringBuilder("# prefloop rater tokens: NAME<TAB>sha256(token)[<TAB>expiry]\n");
    lines.forEach(
        (hash, entry) -> {
          text.append(entry.rater()).append('\t').append(hash);
          if (entry.expires() != null) {
            text.append('\t').append(entry.expires());
          }
          text.append('\n');
        });
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".rater-tokens", ".tmp");
    try {
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's defaults apply
    }
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
