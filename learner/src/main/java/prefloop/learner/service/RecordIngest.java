package prefloop.learner.service;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;

/**
 * Raw record → pending entry. Undecodable bytes and preferences the model cannot train on are
 * dead-lettered with their coordinates and reason and become untrainable entries, so the offsets
 * move past them: a poison pill never blocks the learner.
 */
record RecordIngest(
    RecordDecoder<String, Preference> decoder,
    PreferenceConverter converter,
    Outbox outbox,
    String service,
    Clock clock,
    Runnable onDeadLetter) {
  private static final Logger LOG = LoggerFactory.getLogger(RecordIngest.class);

  /** The entry for {@code record}, given the learner's current policy version. */
  PendingEntry ingest(RawRecord record, LongSupplier policyVersion) {
    Preference preference;
    try {
      preference = decoder.value(record.toConsumerRecord());
    } catch (UndecodableRecordException e) {
      LOG.warn("dead-lettering {}", e.getMessage());
      outbox.deadLetter(e.toDeadLetter(service, clock.instant()));
      onDeadLetter.run();
      return PendingEntry.skip(record, "undecodable", -1);
    }
    long version = policyVersion.getAsLong();
    try {
      return converter.convert(record, preference, version);
    } catch (InvalidPreferenceException e) {
      String reason =
          "invalid preference "
              + preference.getPairId()
              + " at "
              + record.partitionKey()
              + "@"
              + record.offset()
              + ": "
              + e.getMessage();
      LOG.warn("dead-lettering {}", reason);
      outbox.deadLetter(invalid(record, reason));
      onDeadLetter.run();
      return PendingEntry.skip(
          record, "invalid", PreferenceConverter.staleness(version, preference.getPolicyVersion()));
    }
  }

  private DeadLetter invalid(RawRecord record, String reason) {
    return DeadLetter.newBuilder()
        .setSourceTopic(record.topic())
        .setPartition(record.partition())
        .setOffset(record.offset())
        .setKey(record.key() == null ? null : java.nio.ByteBuffer.wrap(record.key()))
        .setValue(record.value() == null ? null : java.nio.ByteBuffer.wrap(record.value()))
        .setReason(reason)
        .setErrorClass("INVALID_PREFERENCE")
        .setService(service)
        .setAt(clock.instant())
        .build();
  }
}
