package prefloop.schemas;

import java.nio.ByteBuffer;
import prefloop.schemas.avro.GeneratedImage;

/** A {@link GeneratedImage} that carries its PNG in the message rather than at a blob URI. */
public final class InlineImage {
  private InlineImage() {}

  public static GeneratedImage of(long seed, byte[] png, int width, int height) {
    return GeneratedImage.newBuilder()
        .setSeed(seed)
        .setPng(ByteBuffer.wrap(png))
        .setBlobUri(null)
        .setWidth(width)
        .setHeight(height)
        .build();
  }
}
