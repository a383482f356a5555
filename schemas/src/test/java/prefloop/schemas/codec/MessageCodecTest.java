package prefloop.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PromptRequest;

class MessageCodecTest {
  private final SchemaCatalog catalog = SchemaCatalog.load();

  @Test
  void aCodecBoundsTheLengthsABodyMayClaim() {
    MessageCodec.of(PromptRequest.class, catalog);

    assertThat(AvroLimits.refusesCollectionOf(2_000_000_000L))
        .as("a forged array length is refused, not allocated")
        .isTrue();
    assertThat(AvroLimits.refusesCollectionOf(16)).isFalse();
  }

  @Test
  void everyMessageRoundTripsWithTheSingleObjectHeader() {
    for (SpecificRecord sample : SampleMessages.oneOfEach(3)) {
      MessageCodec<SpecificRecord> codec = codecFor(sample);
      byte[] bytes = codec.encode(sample);

      assertThat(bytes[0]).isEqualTo((byte) 0xC3);
      assertThat(bytes[1]).isEqualTo((byte) 0x01);
      assertThat(codec.writerSchema(bytes)).isEqualTo(sample.getSchema());
      assertThat(codec.decode(bytes)).isEqualTo(sample);
    }
  }

  @Test
  void headerCarriesTheLittleEndianFingerprint() {
    byte[] bytes =
        MessageCodec.of(PromptRequest.class, catalog).encode(SampleMessages.promptRequest(1));
    long fingerprint = SchemaCatalog.fingerprint(PromptRequest.getClassSchema());
    for (int i = 0; i < 8; i++) {
      assertThat(bytes[2 + i]).isEqualTo((byte) (fingerprint >>> (8 * i)));
    }
  }

  @Test
  void randomBytesAreABadMagicError() {
    byte[] junk = new byte[100];
    new Random(5).nextBytes(junk);
    junk[0] = 0x12;
    assertFailure(junk, DecodeFailure.BAD_MAGIC);
  }

  @Test
  void emptyAndShortValuesAreTypedErrors() {
    assertFailure(new byte[0], DecodeFailure.EMPTY);
    assertFailure(null, DecodeFailure.EMPTY);
    assertFailure(new byte[] {(byte) 0xC3, 0x01, 1, 2}, DecodeFailure.TRUNCATED_HEADER);
  }

  @Test
  void anUnknownFingerprintSaysToUpgradeTheReader() {
    byte[] bytes = pairBytes();
    bytes[5] ^= 0x55;
    MessageDecodeException e = assertFailure(bytes, DecodeFailure.UNKNOWN_FINGERPRINT);
    assertThat(e).hasMessageContaining("upgrade the reader");
  }

  @Test
  void anotherMessageTypeIsAWrongTypeError() {
    byte[] preference =
        MessageCodec.of(Preference.class, catalog).encode(SampleMessages.preference(1));
    MessageDecodeException e = assertFailure(preference, DecodeFailure.WRONG_MESSAGE_TYPE);
    assertThat(e).hasMessageContaining("Preference").hasMessageContaining("GeneratedPair");
  }

  @Test
  void aTruncatedBodyIsAMalformedBodyError() {
    byte[] bytes = pairBytes();
    assertFailure(Arrays.copyOf(bytes, bytes.length / 2), DecodeFailure.MALFORMED_BODY);
  }

  @Test
  void randomBodiesBehindAValidHeaderNeverEscapeAsOtherErrors() {
    byte[] header = Arrays.copyOf(pairBytes(), MessageCodec.HEADER_LENGTH);
    Random random = new Random(11);
    MessageCodec<GeneratedPair> codec = MessageCodec.of(GeneratedPair.class, catalog);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = Arrays.copyOf(header, header.length + random.nextInt(200));
      for (int j = header.length; j < bytes.length; j++) {
        bytes[j] = (byte) random.nextInt();
      }
      assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MessageDecodeException.class);
    }
  }

  private byte[] pairBytes() {
    return MessageCodec.of(GeneratedPair.class, catalog).encode(SampleMessages.generatedPair(1));
  }

  private MessageDecodeException assertFailure(byte[] bytes, DecodeFailure failure) {
    MessageDecodeException e =
        catchThrowableOfType(
            MessageDecodeException.class,
            () -> MessageCodec.of(GeneratedPair.class, catalog).decode(bytes));
    assertThat(e).isNotNull();
    assertThat(e.failure()).isEqualTo(failure);
    return e;
  }

  @SuppressWarnings("unchecked")
  private MessageCodec<SpecificRecord> codecFor(SpecificRecord sample) {
    return MessageCodec.of((Class<SpecificRecord>) sample.getClass(), catalog);
  }
}
