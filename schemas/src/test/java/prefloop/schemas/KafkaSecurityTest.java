package prefloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

  @AfterEach
  void clear() {
    System.clearProperty("prefloop.kafka.sasl.mechanism");
  }

  @Test
  void anEnvironmentVariableNamesItsClientProperty() {
    assertThat(KafkaSecurity.propertyOf("PREFLOOP_KAFKA_SECURITY_PROTOCOL"))
        .isEqualTo("security.protocol");
    assertThat(KafkaSecurity.propertyOf("PREFLOOP_KAFKA_SSL_TRUSTSTORE_LOCATION"))
        .isEqualTo("ssl.truststore.location");
  }

  @Test
  void aSystemPropertyIsAddedToEveryClientConfigWithoutChangingTheOriginal() {
    System.setProperty("prefloop.kafka.sasl.mechanism", "SCRAM-SHA-512");
    Map<String, Object> base = Map.of("bootstrap.servers", "k:9092");

    Map<String, Object> secured = KafkaSecurity.with(base);
    Properties properties = KafkaSecurity.addTo(new Properties());

    assertThat(secured)
        .containsEntry("bootstrap.servers", "k:9092")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(base).doesNotContainKey("sasl.mechanism");
    assertThat(properties).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }
}
