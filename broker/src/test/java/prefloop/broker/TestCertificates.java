package prefloop.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-signed certificates for mutual-TLS tests, made with the JDK's {@code keytool}: one for the
 * broker (valid for 127.0.0.1) and one per client named by its common name. The broker trusts the
 * clients' certificates and the clients trust the broker's.
 */
final class TestCertificates {
  static final String PASSWORD = "test-store-secret";
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Makes the broker's and each client's key store, and the two trust stores, in {@code dir}. */
  static TestCertificates make(Path dir, List<String> clients)
      throws IOException, InterruptedException {
    TestCertificates certificates = new TestCertificates(dir);
    certificates.keyPair("broker", "SAN=ip:127.0.0.1,dns:localhost");
    certificates.trust("broker", "client-trust");
    for (String client : clients) {
      certificates.keyPair(client, null);
      certificates.trust(client, "broker-trust");
    }
    return certificates;
  }

  BrokerTls brokerTls() {
    return new BrokerTls(store("broker"), PASSWORD, store("broker-trust"), PASSWORD);
  }

  /** Client settings for the SSL listener, presenting {@code client}'s certificate (or none). */
  Map<String, Object> client(String bootstrap, String client) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("security.protocol", "SSL");
    config.put("ssl.truststore.type", "PKCS12");
    config.put("ssl.truststore.location", store("client-trust").toString());
    config.put("ssl.truststore.password", PASSWORD);
    if (client != null) {
      config.put("ssl.keystore.type", "PKCS12");
      config.put("ssl.keystore.location", store(client).toString());
      config.put("ssl.keystore.password", PASSWORD);
      config.put("ssl.key.password", PASSWORD);
    }
    return config;
  }

  private Path store(String name) {
    return dir.resolve(name + ".p12");
  }

  private void keyPair(String name, String extension) throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name + ",O=prefloop-test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store(name).toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
    if (extension != null) {
      args.addAll(List.of("-ext", extension));
    }
    keytool(args);
    keytool(
        List.of(
            "-exportcert",
            "-rfc",
            "-alias",
            name,
            "-keystore",
            store(name).toString(),
            "-storepass",
            PASSWORD,
            "-file",
            dir.resolve(name + ".crt").toString()));
  }

  private void trust(String name, String trustStore) throws IOException, InterruptedException {
    keytool(
        List.of(
            "-importcert",
            "-noprompt",
            "-alias",
            name,
            "-file",
            dir.resolve(name + ".crt").toString(),
            "-storetype",
            "PKCS12",
            "-keystore",
            store(trustStore).toString(),
            "-storepass",
            PASSWORD));
  }

  private static void keytool(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + args.get(0) + " failed: " + output);
    }
  }
}
