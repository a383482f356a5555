package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PngCodecTest {
  private final RgbImage image =
      new Renderer().render(new PromptGrammar().all().get(77), 3, Set.of(Degradation.NOISE));

  @Test
  void roundTripIsExactAt8BitsAndKeepsTextChunksInOrder() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("prompt", "a small red circle on a blue background, top left");
    text.put("seed", "12345");
    text.put("sampler", "ddim eta=0.0 steps=20 cfg=3.0");
    text.put("policy_version", "7");
    text.put("note", "ünïcode ✓ goes into iTXt");
    DecodedPng decoded = PngCodec.decode(PngCodec.encode(image, text));
    assertThat(decoded.image()).isEqualTo(image.quantised());
    assertThat(decoded.text()).containsExactlyEntriesOf(text);
  }

  @Test
  void outputIsAPngThatImageIoReads() throws Exception {
    byte[] png = PngCodec.encode(image, Map.of("seed", "1"));
    var read = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertThat(read.getWidth()).isEqualTo(32);
  }

  @Test
  void nonPngBytesAreAClearError() {
    assertThatThrownBy(() -> PngCodec.decode("GIF89a not a png".getBytes()))
        .isInstanceOf(PngFormatException.class)
        .hasMessageContaining("not a PNG");
    byte[] png = PngCodec.encode(image, Map.of("seed", "1"));
    assertThatThrownBy(() -> PngCodec.decode(Arrays.copyOf(png, 60)))
        .isInstanceOf(PngFormatException.class);
  }
}
