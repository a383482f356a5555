package prefloop.diffusion.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTokenTest {

  @AfterEach
  void clear() {
    System.clearProperty(ServiceToken.PROPERTY);
  }

  @Test
  void withoutATokenEverythingPassesButOnlyLoopbackMayListen() {
    System.clearProperty(ServiceToken.PROPERTY);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv(ServiceToken.ENVIRONMENT) == null, "no token in this environment");
    assertThat(ServiceToken.accepts(null)).isTrue();
    ServiceToken.checkExposure("learner", "127.0.0.1");
    ServiceToken.checkExposure("learner", "localhost");
    assertThatThrownBy(() -> ServiceToken.checkExposure("learner", "0.0.0.0"))
        .hasMessageContaining("learner would listen on 0.0.0.0")
        .hasMessageContaining(ServiceToken.ENVIRONMENT);
    HttpRequest request =
        ServiceToken.authorise(HttpRequest.newBuilder(URI.create("http://x/"))).build();
    assertThat(request.headers().firstValue("Authorization")).isEmpty();
  }

  @Test
  void withATokenOnlyTheBearerOfItPassesAndEveryAddressMayListen() {
    System.setProperty(ServiceToken.PROPERTY, "s3cret");
    assertThat(ServiceToken.accepts("Bearer s3cret")).isTrue();
    assertThat(ServiceToken.accepts("Bearer s3cre")).isFalse();
    assertThat(ServiceToken.accepts("s3cret")).isFalse();
    assertThat(ServiceToken.accepts(null)).isFalse();
    ServiceToken.checkExposure("generator", "0.0.0.0");
    HttpRequest request =
        ServiceToken.authorise(HttpRequest.newBuilder(URI.create("http://x/"))).build();
    assertThat(request.headers().firstValue("Authorization")).contains("Bearer s3cret");
  }

  @Test
  void aGetCarriesTheTokenAndTheTimeout() {
    System.setProperty(ServiceToken.PROPERTY, "s3cret");

    HttpRequest request = ServiceToken.get("http://x/blob", Duration.ofSeconds(7));

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.uri()).isEqualTo(URI.create("http://x/blob"));
    assertThat(request.timeout()).contains(Duration.ofSeconds(7));
    assertThat(request.headers().firstValue("Authorization")).contains("Bearer s3cret");
  }
}
