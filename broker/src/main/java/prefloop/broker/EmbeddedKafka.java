package prefloop.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.Topics;
import prefloop.schemas.codec.SchemaCatalog;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), running in
 * this JVM on 127.0.0.1, with our topics created. Persistent when the config names a data
 * directory; otherwise a temporary directory that {@link #close()} deletes.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final BrokerConfig config;
  private final Path dataDir;
  private final boolean temporary;
  private final KafkaRaftServer server;
  private final String saslBootstrapServers;
  private final String tlsBootstrapServers;
  private final String bootstrapServers;
  private final Topics topics;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedKafka(BrokerConfig config) throws IOException {
    long start = System.nanoTime();
    this.config = config;
    this.temporary = config.dataDir() == null;
    this.dataDir =
        temporary
            ? Files.createTempDirectory("prefloop-kafka-")
            : config.dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    int port = config.port() == 0 ? freePort() : config.port();
    Properties props = KafkaProperties.combined(dataDir.resolve("logs"), port, freePort());
    int saslPort = config.saslUsers().isEmpty() ? 0 : freePort();
    if (saslPort > 0) {
      KafkaProperties.addSasl(props, saslPort, config.saslUsers());
    }
    int tlsPort = config.tls() == null ? 0 : freePort();
    if (tlsPort > 0) {
      KafkaProperties.addTls(props, tlsPort, config.tls());
    }
    if (config.secured()) {
      KafkaProperties.enforceAcls(props, BrokerConfig.ADMIN);
    }
    this.saslBootstrapServers = saslPort > 0 ? "127.0.0.1:" + saslPort : null;
    this.tlsBootstrapServers = tlsPort > 0 ? "127.0.0.1:" + tlsPort : null;
    StorageFormat.ensureFormatted(dataDir.resolve("logs"), props, dataDir);
    this.bootstrapServers = "127.0.0.1:" + port;
    this.topics = new Topics(config.topicPrefix(), config.partitions(), SchemaCatalog.load());
    this.server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    try {
      server.startup();
      // our own PLAINTEXT listener: whatever security this process's clients use does not apply
      TopicCreator.awaitAndCreate(bootstrapServers, topics, READY_TIMEOUT, Map.of());
      if (saslPort > 0) {
        ScramUsers.create(bootstrapServers, config.saslUsers(), READY_TIMEOUT);
      }
    } catch (RuntimeException e) {
      stopServer();
      deleteIfTemporary();
      throw e;
    }
    this.startupTime = Duration.ofNanos(System.nanoTime() - start);
    LOG.info(
        "Kafka ready at {} in {} ms (data {}, {})",
        bootstrapServers,
        startupTime.toMillis(),
        dataDir,
        temporary ? "temporary" : "persistent");
  }

  /** Starts a broker and creates our topics; returns once it serves requests. */
  public static EmbeddedKafka start(BrokerConfig config) {
    try {
      return new EmbeddedKafka(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka data directory: " + e.getMessage(), e);
    }
  }

  /** A throwaway broker on a free port with the default topics. */
  public static EmbeddedKafka start() {
    return start(BrokerConfig.ephemeral());
  }

  /**
   * {@code host:port} of the SASL listener, where ACLs apply ({@link BrokerConfig#withSaslUsers});
   * null without one.
   */
  public String saslBootstrapServers() {
    return saslBootstrapServers;
  }

  /**
   * {@code host:port} of the mutual-TLS listener, where ACLs apply ({@link BrokerConfig#withTls});
   * null without one.
   */
  public String tlsBootstrapServers() {
    return tlsBootstrapServers;
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Our topics, as created on this broker. */
  public Topics topics() {
    return topics;
  }

  public Path dataDir() {
    return dataDir;
  }

  public BrokerConfig config() {
    return config;
  }

  /** Wall time from start to ready (topics created). */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops the broker and waits for its threads; deletes a temporary data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopServer();
    deleteIfTemporary();
    LOG.info("Kafka at {} stopped", bootstrapServers);
  }

  private void stopServer() {
    server.shutdown();
    server.awaitShutdown();
  }

  private void deleteIfTemporary() {
    if (temporary) {
      try {
        Utils.delete(dataDir.toFile());
      } catch (IOException e) {
        LOG.warn("could not delete temporary Kafka data {}: {}", dataDir, e.toString());
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
