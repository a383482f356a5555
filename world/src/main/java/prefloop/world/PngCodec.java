package prefloop.world;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * PNG encoding with generation parameters (prompt, seed, sampler, policy_version, ...) as text
 * chunks, through {@link ImageIO}'s PNG metadata: pixels as 8-bit RGB, one chunk per entry, tEXt
 * when the text is Latin-1, otherwise uncompressed iTXt in UTF-8 (ImageIO writes the two kinds
 * apart, so only entries of one kind keep their relative order). Decoding reads tEXt, iTXt and zTXt
 * back, in file order. Stateless.
 */
public final class PngCodec {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  private static final String FORMAT = "javax_imageio_png_1.0";

  private PngCodec() {}

  /** Encodes {@code image} (rounded to 8 bits) with {@code text} as text chunks. */
  public static byte[] encode(RgbImage image, Map<String, String> text) {
    BufferedImage pixels = image.toBufferedImage();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(png)) {
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(pixels), null);
      metadata.mergeTree(FORMAT, textTree(text));
      writer.setOutput(out);
      writer.write(new IIOImage(pixels, null, metadata));
    } catch (IIOInvalidTreeException e) {
      throw new IllegalArgumentException("text chunks ImageIO refuses: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing PNG to memory failed", e);
    } finally {
      writer.dispose();
    }
    return png.toByteArray();
  }

  private static IIOMetadataNode textTree(Map<String, String> text) {
    IIOMetadataNode latin1 = new IIOMetadataNode("tEXt");
    IIOMetadataNode utf8 = new IIOMetadataNode("iTXt");
    text.forEach(
        (key, value) -> {
          if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)) {
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", key);
            entry.setAttribute("value", value);
            latin1.appendChild(entry);
          } else {
            IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
            entry.setAttribute("keyword", key);
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", value);
            utf8.appendChild(entry);
          }
        });
    IIOMetadataNode root = new IIOMetadataNode(FORMAT);
    if (latin1.hasChildNodes()) {
      root.appendChild(latin1);
    }
    if (utf8.hasChildNodes()) {
      root.appendChild(utf8);
    }
    return root;
  }

  /**
   * Decodes PNG bytes into pixels and text chunks.
   *
   * @throws PngFormatException if the bytes are not a well-formed PNG
   */
  public static DecodedPng decode(byte[] bytes) {
    if (bytes == null
        || bytes.length < SIGNATURE.length
        || !Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE)) {
      throw new PngFormatException(
          "not a PNG: the bytes do not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A ("
              + (bytes == null ? "null" : bytes.length + " bytes")
              + "); pass the raw bytes of a .png file");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new PngFormatException("ImageIO could not read the PNG image data");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, false);
        BufferedImage image = reader.read(0);
        Map<String, String> text = text(reader.getImageMetadata(0).getAsTree(FORMAT));
        return new DecodedPng(RgbImage.fromBufferedImage(image), text);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof PngFormatException known) {
        throw known;
      }
      throw new PngFormatException("corrupt PNG: " + e.getMessage(), e);
    }
  }

  /** The text entries of a PNG metadata tree, in file order. */
  private static Map<String, String> text(Node root) {
    Map<String, String> text = new LinkedHashMap<>();
    for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
      String valueAttribute =
          switch (chunk.getNodeName()) {
            case "tEXt", "zTXt" -> "value";
            case "iTXt" -> "text";
            default -> null;
          };
      if (valueAttribute == null) {
        continue;
      }
      for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
        IIOMetadataNode node = (IIOMetadataNode) entry;
        text.put(node.getAttribute("keyword"), node.getAttribute(valueAttribute));
      }
    }
    return text;
  }
}
