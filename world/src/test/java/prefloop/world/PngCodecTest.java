package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngCodecTest {
  private final RgbImage image =
      new Renderer().render(new PromptGrammar().all().get(77), 3, Set.of(Degradation.NOISE));

  @Test
  void roundTripIsExactAt8BitsAndKeepsEveryTextEntryAndTheLatin1OnesInOrder() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("prompt", "a small red circle on a blue background, top left");
    text.put("seed", "12345");
    text.put("sampler", "ddim eta=0.0 steps=20 cfg=3.0");
    text.put("policy_version", "7");
    text.put("note", "ünïcode ✓ goes into iTXt");
    DecodedPng decoded = PngCodec.decode(PngCodec.encode(image, text));
    assertThat(decoded.image()).isEqualTo(image.quantised());
    assertThat(decoded.text()).containsExactlyInAnyOrderEntriesOf(text);
    assertThat(decoded.text().keySet().stream().filter(k -> !k.equals("note")))
        .containsExactly("prompt", "seed", "sampler", "policy_version");
  }

  @Test
  void outputIsAPngThatImageIoReads() throws Exception {
    byte[] png = PngCodec.encode(image, Map.of("seed", "1"));
    var read = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(read.getWidth()).isEqualTo(32);
  }

  /** PNGs written before ImageIO wrote the text (chunks spliced in after IHDR) still read. */
  @Test
  void aPngWithTextChunksSplicedInByHandStillReads() throws Exception {
    byte[] png = PngCodec.encode(image, Map.of());
    int ihdrEnd = 8 + 8 + 13 + 4;
    ByteArrayOutputStream spliced = new ByteArrayOutputStream();
    spliced.write(png, 0, ihdrEnd);
    byte[] data = "seed\u00003".getBytes(StandardCharsets.ISO_8859_1);
    spliced.write(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] typed = new byte[4 + data.length];
    System.arraycopy("tEXt".getBytes(StandardCharsets.US_ASCII), 0, typed, 0, 4);
    System.arraycopy(data, 0, typed, 4, data.length);
    spliced.write(typed);
    CRC32 crc = new CRC32();
    crc.update(typed);
    spliced.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    spliced.write(png, ihdrEnd, png.length - ihdrEnd);

    DecodedPng decoded = PngCodec.decode(spliced.toByteArray());

    assertThat(decoded.text()).containsExactly(Map.entry("seed", "3"));
    assertThat(decoded.image()).isEqualTo(image.quantised());
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
