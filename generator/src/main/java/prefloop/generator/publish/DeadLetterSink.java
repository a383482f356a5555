package prefloop.generator.publish;

import prefloop.schemas.avro.DeadLetter;

/** Where records this service will not accept go, with the reason. */
@FunctionalInterface
public interface DeadLetterSink {
  void send(DeadLetter letter);
}
