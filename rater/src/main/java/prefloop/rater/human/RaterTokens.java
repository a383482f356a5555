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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-rater tokens: a file of {@code name<TAB>sha256(token)} lines. Only the hashes are stored, so
 * the file does not let anyone rate; the token itself is printed once, when it is made. A label
 * sent with a token is attributed to the token's rater, whatever name the page sent. The file is
 * re-read when it changes, so tokens added while the rater runs work at once. Thread-safe.
 */
public final class RaterTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private Map<String, String> raterByHash = Map.of();
  private String readVersion = "";

  private RaterTokens(Path file) {
    this.file = file;
  }

  /** The tokens in {@code file}, which must exist (make one with {@link #add}). */
  public static RaterTokens load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no rater tokens file "
              + file.toAbsolutePath()
              + "; make one with `prefloop rater tokens add NAME --file "
              + file
              + "`");
    }
    RaterTokens tokens = new RaterTokens(file);
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
    for (Map.Entry<String, String> entry : raterByHash.entrySet()) {
      // compare every stored hash in constant time, so timing says nothing about a near miss
      if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** Makes a token for {@code name}, stores its hash in {@code file} and returns the token. */
  public static synchronized String add(Path file, String name) throws IOException {
    if (!HumanRatings.validName(name)) {
      throw new IllegalArgumentException(
          "rater name must be 1-64 of letters, digits, space . _ @ -, was '" + name + "'");
    }
    Map<String, String> lines = read(file);
    if (lines.containsValue(name)) {
      throw new IllegalArgumentException(
          "rater " + name + " already has a token; remove it first to make a new one");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    lines.put(sha256(token), name);
    write(file, lines);
    return token;
  }

  /** Removes {@code name}'s token; false when there was none. */
  public static synchronized boolean remove(Path file, String name) throws IOException {
    Map<String, String> lines = read(file);
    boolean removed = lines.values().removeIf(name::equals);
    if (removed) {
      write(file, lines);
    }
    return removed;
  }

  /** The raters that have a token, in the file's order. */
  public static List<String> names(Path file) throws IOException {
    return new ArrayList<>(read(file).values());
  }

  private void refresh() {
    try {
      // time and size: two writes within one clock tick still differ in size
      String version = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
      if (!version.equals(readVersion)) {
        raterByHash = Map.copyOf(read(file));
        readVersion = version;
      }
    } catch (IOException e) {
      // keep the tokens read last: a file being rewritten must not lock everyone out
    }
  }

  private static Map<String, String> read(Path file) throws IOException {
    Map<String, String> lines = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return lines;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
        throw new IOException(
            "bad line in rater tokens file "
                + file
                + ": expected NAME<TAB>SHA256, got '"
                + line
                + "'");
      }
      lines.put(parts[1], parts[0]);
    }
    return lines;
  }

  private static void write(Path file, Map<String, String> lines) throws IOException {
    StringBuilder text = new StringBuilder("# prefloop rater tokens: NAME<TAB>sha256(token)\n");
    lines.forEach((hash, name) -> text.append(name).append('\t').append(hash).append('\n'));
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
