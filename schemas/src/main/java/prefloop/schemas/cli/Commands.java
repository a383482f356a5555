package prefloop.schemas.cli;

import picocli.CommandLine;

/**
 * How every prefloop command runs, from {@code prefloop} or from its own {@code main}: picocli with
 * {@code --help} and {@code --version} on the command and each of its subcommands, and enum values
 * in any case ({@code --mode online}).
 */
public final class Commands {

  private Commands() {}

  /** The command line of {@code command} with the standard options and settings. */
  public static CommandLine line(Object command) {
    CommandLine line = new CommandLine(command);
    addHelpAndVersion(line);
    return line.setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** Runs {@code command} on {@code args} and exits the JVM with its exit code. */
  public static void runAndExit(Object command, String[] args) {
    System.exit(line(command).execute(args));
  }

  private static void addHelpAndVersion(CommandLine line) {
    line.getCommandSpec().mixinStandardHelpOptions(true);
    line.getSubcommands().values().forEach(Commands::addHelpAndVersion);
  }
}
