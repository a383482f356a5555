package prefloop.generator.model;

import java.util.Locale;

/** Why a broadcast checkpoint was refused (the {@code reason} tag of the rejection metric). */
public enum RejectReason {
  /** The URI could not be fetched or read (server down, 404, missing file). */
  UNREACHABLE,
  /** The weights do not hash to the manifest's sha256, or the manifest's to the update's. */
  SHA256_MISMATCH,
  /** Truncated files, an unreadable manifest, or weights that do not fit the architecture. */
  CORRUPT,
  /** A valid checkpoint of another image size or channel count than the one being served. */
  INCOMPATIBLE;

  /** The metric tag, e.g. {@code sha256_mismatch}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
