package prefloop.world;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * PNG encoding with generation parameters (prompt, seed, sampler, policy_version, ...) as text
 * chunks: pixels are written by {@link ImageIO} (8-bit RGB), then one chunk per entry is inserted
 * right after IHDR — tEXt when the text is Latin-1, otherwise uncompressed iTXt in UTF-8. Decoding
 * reads both kinds back. Stateless.
 */
public final class PngCodec {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  private static final int IHDR_END = SIGNATURE.length + 8 + 13 + 4;

  private PngCodec() {}

  /** Encodes {@code image} (rounded to 8 bits) with {@code text} as text chunks. */
  public static byte[] encode(RgbImage image, Map<String, String> text) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image.toBufferedImage(), "png", png)) {
        throw new IllegalStateException("no PNG writer in this JVM (javax.imageio)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing PNG to memory failed", e);
    }
    byte[] bytes = png.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
    out.write(bytes, 0, IHDR_END);
    text.forEach((key, value) -> writeTextChunk(out, key, value));
    out.write(bytes, IHDR_END, bytes.length - IHDR_END);
    return out.toByteArray();
  }

  /**
   * Decodes PNG bytes into pixels and text chunks.
   *
   * @throws PngFormatException if the bytes are not a well-formed PNG
   */
  public static DecodedPng decode(byte[] bytes) {
    if (bytes == null
        || bytes.length < IHDR_END
        || !Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE)) {
      throw new PngFormatException(
          "not a PNG: the bytes do not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A ("
              + (bytes == null ? "null" : bytes.length + " bytes")
              + "); pass the raw bytes of a .png file");
    }
    Map<String, String> text = readTextChunks(bytes);
    try {
      var image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new PngFormatException("ImageIO could not read the PNG image data");
      }
      return new DecodedPng(RgbImage.fromBufferedImage(image), text);
    } catch (IOException e) {
      throw new PngFormatException("corrupt PNG image data: " + e.getMessage(), e);
    }
  }

  private static void writeTextChunk(ByteArrayOutputStream out, String key, String value) {
    if (key.isEmpty()
        || key.length() > 79
        || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(key)) {
      throw new PngFormatException(
          "PNG text keyword '" + key + "' must be 1..79 Latin-1 characters");
    }
    boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(value);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
    data.write(0);
    if (latin1) {
      data.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
    } else {
      data.writeBytes(new byte[] {0, 0, 0, 0}); // no compression, method 0, no language, no key
      data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }
    writeChunk(out, latin1 ? "tEXt" : "iTXt", data.toByteArray());
  }

  private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static Map<String, String> readTextChunks(byte[] bytes) {
    Map<String, String> text = new LinkedHashMap<>();
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    buf.position(SIGNATURE.length);
    while (buf.remaining() >= 12) {
      int length = buf.getInt();
      String type = new String(bytes, buf.position(), 4, StandardCharsets.US_ASCII);
      buf.position(buf.position() + 4);
      if (length < 0 || length > buf.remaining() - 4) {
        throw new PngFormatException(
            "truncated PNG: chunk '" + type + "' claims " + length + " bytes");
      }
      byte[] data = new byte[length];
      buf.get(data);
      buf.getInt();
      if (type.equals("tEXt") || type.equals("iTXt")) {
        parseText(type, data, text);
      } else if (type.equals("IEND")) {
        break;
      }
    }
    return text;
  }

  private static void parseText(String type, byte[] data, Map<String, String> text) {
    int nul = indexOf(data, 0);
    if (nul < 1) {
      throw new PngFormatException("PNG " + type + " chunk without a keyword");
    }
    String key = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
    if (type.equals("tEXt")) {
      text.put(key, new String(data, nul + 1, data.length - nul - 1, StandardCharsets.ISO_8859_1));
      return;
    }
    if (data.length < nul + 3 || data[nul + 1] != 0) {
      throw new PngFormatException("compressed iTXt chunk '" + key + "' is not supported");
    }
    int language = indexOf(data, nul + 3);
    int translated = language < 0 ? -1 : indexOf(data, language + 1);
    if (translated < 0) {
      throw new PngFormatException("malformed iTXt chunk '" + key + "'");
    }
    text.put(
        key,
        new String(data, translated + 1, data.length - translated - 1, StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
