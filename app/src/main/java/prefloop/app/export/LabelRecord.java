package prefloop.app.export;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;

/** One preference as a JSON Lines row: the label, who gave it, and each image by hash. */
final class LabelRecord {
  private LabelRecord() {}

  /**
   * The row of {@code preference}; {@code withImages} adds each inline PNG as base64 next to its
   * sha256.
   */
  static Map<String, Object> of(Preference preference, boolean withImages) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("pair_id", preference.getPairId());
    row.put("prompt", preference.getPrompt());
    row.put("label", preference.getLabel().name());
    row.put("rater", preference.getRater().getId());
    row.put("rater_kind", preference.getRater().getKind().name());
    row.put("confidence", preference.getConfidence());
    row.put("policy_version", preference.getPolicyVersion());
    row.put("rated_at", preference.getRatedAt().toString());
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (Map.Entry<String, PairScores> score : preference.getScores().entrySet()) {
      scores.put(score.getKey(), new double[] {score.getValue().getA(), score.getValue().getB()});
    }
    row.put("scores", scores);
    List<Map<String, Object>> images = new ArrayList<>();
    for (GeneratedImage image : preference.getImages()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seed", image.getSeed());
      entry.put("width", image.getWidth());
      entry.put("height", image.getHeight());
      ByteBuffer png = image.getPng();
      if (png != null) {
        byte[] bytes = new byte[png.remaining()];
        png.duplicate().get(bytes);
        entry.put("png_sha256", sha256(bytes));
        if (withImages) {
          entry.put("png_base64", Base64.getEncoder().encodeToString(bytes));
        }
      } else {
        entry.put("blob_uri", image.getBlobUri());
      }
      images.add(entry);
    }
    row.put("images", images);
    return row;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
