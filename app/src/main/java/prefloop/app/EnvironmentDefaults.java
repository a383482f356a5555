package prefloop.app;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads an option's default from the environment, which is how docker-compose configures each
 * service: option {@code --bootstrap-servers} of any subcommand defaults to {@code
 * PREFLOOP_BOOTSTRAP_SERVERS} when that variable is set. A value on the command line still wins;
 * with the variable unset the option keeps its own default.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  static final String PREFIX = "PREFLOOP_";

  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The variable that configures {@code option}: PREFLOOP_ + its longest name in upper snake case.
   */
  public static String variable(OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "");
    return PREFIX + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    return environment.get(variable(option));
  }
}
