package prefloop.broker;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;

/**
 * The least each service needs on a broker that enforces ACLs: the table of docs/KAFKA_SECURITY.md
 * as {@link AclBinding}s, one principal per service, for {@code Admin.createAcls}. READ and WRITE
 * imply DESCRIBE in Kafka.
 */
public final class ServiceAcls {
  /** A prefloop service with its own principal. */
  public enum Service {
    GENERATOR,
    RATER,
    LEARNER,
    DASHBOARD
  }

  /** Consumer groups of the services' defaults. */
  public static final String GENERATOR_GROUP = "prefloop-generator";

  public static final String RATER_GROUP = "prefloop-rater";
  public static final String LEARNER_GROUP = "prefloop-learner";

  private ServiceAcls() {}

  /** The grants of {@code service} running as {@code User:principal} on {@code topics}. */
  public static List<AclBinding> of(Service service, String principal, Topics topics) {
    Grants grants = new Grants("User:" + principal);
    grants.add(ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE);
    switch (service) {
      case GENERATOR -> {
        grants.topics(AclOperation.READ, topics.prompts(), topics.modelUpdates());
        grants.topics(AclOperation.WRITE, topics.pairs(), topics.deadLetter());
        // the backlog probe reads the other services' lag on pairs and preferences
        grants.topics(AclOperation.DESCRIBE, topics.pairs(), topics.preferences());
        grants.add(ResourceType.GROUP, GENERATOR_GROUP, AclOperation.READ);
        grants.add(ResourceType.GROUP, RATER_GROUP, AclOperation.DESCRIBE);
        grants.add(ResourceType.GROUP, LEARNER_GROUP, AclOperation.DESCRIBE);
      }
      case RATER -> {
        grants.topics(AclOperation.READ, topics.pairs(), topics.preferencesJson());
        grants.topics(AclOperation.WRITE, topics.preferences(), topics.deadLetter());
        grants.add(ResourceType.GROUP, RATER_GROUP, AclOperation.READ);
        grants.add(ResourceType.GROUP, RATER_GROUP + "-json-ingress", AclOperation.READ);
      }
      case LEARNER -> {
        grants.topics(AclOperation.READ, topics.preferences(), topics.modelUpdates());
        grants.topics(AclOperation.WRITE, topics.modelUpdates(), topics.metrics());
        grants.add(ResourceType.GROUP, LEARNER_GROUP, AclOperation.READ);
        grants.add(
            ResourceType.GROUP, topics.modelUpdates().name() + ".learner-lease", AclOperation.READ);
      }
      case DASHBOARD -> grants.topics(AclOperation.READ, topics.all().toArray(Topic<?, ?>[]::new));
    }
    return List.copyOf(grants.bindings);
  }

  private static final class Grants {
    final String principal;
    final List<AclBinding> bindings = new ArrayList<>();

    Grants(String principal) {
      this.principal = principal;
    }

    void topics(AclOperation operation, Topic<?, ?>... topics) {
      for (Topic<?, ?> topic : topics) {
        add(ResourceType.TOPIC, topic.name(), operation);
      }
    }

    void add(ResourceType type, String name, AclOperation operation) {
      bindings.add(
          new AclBinding(
              new ResourcePattern(type, name, PatternType.LITERAL),
              new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
    }
  }
}
