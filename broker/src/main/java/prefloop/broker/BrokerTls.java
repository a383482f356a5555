package prefloop.broker;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A mutual-TLS listener of the embedded broker: the broker shows the certificate in {@code
 * keystore} and accepts only clients whose certificate {@code truststore} trusts. A client's
 * principal is the common name of its certificate's subject ({@code CN=rater,O=…} is {@code
 * User:rater}), so the same ACLs serve SASL and TLS clients.
 *
 * @param keystore PKCS12 file with the broker's key and certificate
 * @param keystorePassword its password (also the key's)
 * @param truststore PKCS12 file with the certificates (or their CA) clients may present
 * @param truststorePassword its password
 */
public record BrokerTls(
    Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
  public BrokerTls {
    for (Path file : new Path[] {keystore, truststore}) {
      if (file == null || !Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "TLS listener needs a readable PKCS12 keystore and truststore, cannot read " + file);
      }
    }
    if (keystorePassword == null || truststorePassword == null) {
      throw new IllegalArgumentException("TLS keystore and truststore passwords must be set");
    }
  }
}
