package prefloop.diffusion.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle that brings its own HuggingFace tokenizer (as diffusers bundles bring CLIP's): prompts
 * reach the encoder as that tokenizer's ids, read offline with DJL's tokenizers. The bundle is the
 * pixel fixture with a small word-level tokenizer.json whose ids fit its encoder's embedding.
 */
class TokenizerBundleTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void promptsAreTokenisedByTheBundlesTokenizer(@TempDir Path dir) throws Exception {
    Path bundle = tokenizerBundle(dir);
    try (TorchScriptDiffusionModel model = TorchScriptDiffusionModel.load(bundle);
        NDManager scope = model.manager().newSubManager()) {
      HuggingFacePromptEncoder encoder = (HuggingFacePromptEncoder) model.prompts();

      // [BOS] a red kite [EOS], then padding to 8; an unknown word is [UNK]
      assertThat(encoder.ids("A red kite")).containsExactly(2, 4, 5, 6, 3, 0, 0, 0);
      assertThat(encoder.ids("a zeppelin")).containsExactly(2, 4, 1, 3, 0, 0, 0, 0);
      assertThat(encoder.ids("")).containsExactly(2, 3, 0, 0, 0, 0, 0, 0);
      NDArray condition = model.condition(scope, List.of("a red kite", "a blue kite", ""));
      assertThat(condition.get(0).sub(condition.get(1)).abs().sum().getFloat()).isPositive();
    }
  }

  /** The pixel fixture plus tokenizer.json, with the manifest's files and sha256 updated. */
  static Path tokenizerBundle(Path dir) throws Exception {
    Path fixture = TorchScriptDiffusionModelTest.FIXTURE;
    for (String file : List.of("denoiser.pt", "encoder.pt")) {
      Files.copy(fixture.resolve(file), dir.resolve(file));
    }
    Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);
    ObjectNode manifest = (ObjectNode) JSON.readTree(fixture.resolve("manifest.json").toFile());
    ((ObjectNode) manifest.get("files")).put("tokenizer", "tokenizer.json");
    ((ObjectNode) manifest.get("sha256"))
        .put("tokenizer.json", sha256(dir.resolve("tokenizer.json")));
    manifest
        .putObject("tokenizer")
        .put("kind", "huggingface")
        .put("file", "tokenizer.json")
        .put("maxLength", 8);
    JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return dir;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** Lower-cased words split on whitespace; [BOS] … [EOS] around every prompt; [PAD] = 0. */
  private static final String WORD_LEVEL =
      """
      {
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [
          {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false,
           "normalized": false, "special": true},
          {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false,
           "normalized": false, "special": true},
          {"id": 2, "content": "[BOS]", "single_word": false, "lstrip": false, "rstrip": false,
           "normalized": false, "special": true},
          {"id": 3, "content": "[EOS]", "single_word": false, "lstrip": false, "rstrip": false,
           "normalized": false, "special": true}
        ],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {
          "type": "TemplateProcessing",
          "single": [{"SpecialToken": {"id": "[BOS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[EOS]", "type_id": 0}}],
          "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                   {"Sequence": {"id": "B", "type_id": 1}}],
          "special_tokens": {
            "[BOS]": {"id": "[BOS]", "ids": [2], "tokens": ["[BOS]"]},
            "[EOS]": {"id": "[EOS]", "ids": [3], "tokens": ["[EOS]"]}
          }
        },
        "decoder": null,
        "model": {
          "type": "WordLevel",
          "vocab": {"[PAD]": 0, "[UNK]": 1, "[BOS]": 2, "[EOS]": 3, "a": 4, "red": 5, "kite": 6,
                    "blue": 7},
          "unk_token": "[UNK]"
        }
      }
      """;
}
