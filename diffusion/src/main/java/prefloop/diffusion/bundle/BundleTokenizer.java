package prefloop.diffusion.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A bundle's own tokenizer ({@code "tokenizer"} in the manifest); absent, prompts are UTF-8 bytes.
 *
 * @param kind {@value #HUGGINGFACE}: a HuggingFace {@code tokenizers} file, read with DJL's
 *     tokenizers (whose jar carries the native library, so nothing is downloaded)
 * @param file the tokenizer file in the bundle, listed under {@code files} and {@code sha256}
 * @param maxLength tokens per prompt: longer prompts are truncated, shorter ones padded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleTokenizer(String kind, String file, int maxLength) {

  /** The one kind this build reads. */
  public static final String HUGGINGFACE = "huggingface";
}
