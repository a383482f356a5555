package prefloop.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import prefloop.schemas.Topics;

/**
 * One embedded broker per test class, started before its first test and closed after its last:
 *
 * <pre>
 *   &#64;RegisterExtension
 *   static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix("kill.");
 * </pre>
 *
 * A class of its own topic prefix keeps its records apart when classes share a JVM.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private final BrokerConfig config;
  private EmbeddedKafka broker;

  private EmbeddedKafkaExtension(BrokerConfig config) {
    this.config = config;
  }

  /** An ephemeral broker whose topics all start with {@code prefix}. */
  public static EmbeddedKafkaExtension withPrefix(String prefix) {
    return new EmbeddedKafkaExtension(BrokerConfig.ephemeral().withTopicPrefix(prefix));
  }

  /** An ephemeral broker with the default topic names. */
  public static EmbeddedKafkaExtension ephemeral() {
    return new EmbeddedKafkaExtension(BrokerConfig.ephemeral());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = EmbeddedKafka.start(config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** The running broker; only between the class's first and last test. */
  public EmbeddedKafka broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "the embedded broker runs only while the test class runs; register this extension"
              + " with @RegisterExtension on a static field");
    }
    return broker;
  }

  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  public Topics topics() {
    return broker().topics();
  }
}
