package prefloop.rater.service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prefloop.rater.human.RaterTokens;

/** {@code prefloop rater tokens add|list|remove}: the per-rater tokens of the rating page. */
@Command(
    name = "tokens",
    description =
        "Make, list and remove per-rater tokens for the rating page (the file keeps only hashes;"
            + " pass it to the rater with --tokens-file).",
    subcommands = {
      RaterTokensCommand.Add.class,
      RaterTokensCommand.ListNames.class,
      RaterTokensCommand.Remove.class
    })
public final class RaterTokensCommand {
  /** The {@code --file} option every subcommand takes. */
  static final class TokensFile {
    @Option(
        names = "--file",
        defaultValue = "${sys:user.home}/.prefloop/rater-tokens",
        description = "Tokens file (default ${DEFAULT-VALUE}).")
    Path file;
  }

  /** {@code add NAME}: prints a new token for NAME, once. */
  @Command(name = "add", description = "Make a token for NAME.")
  static final class Add implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The rater's name, as labels will carry it.")
    String name;

    @Mixin TokensFile tokens;

    @Option(
        names = "--days",
        defaultValue = "0",
        description = "Days until the token stops working; 0 = never (default ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
      if (days < 0) {
        throw new IllegalArgumentException("--days must be ≥ 0 (0 = never), was " + days);
      }
      Instant expires = days == 0 ? null : Instant.now().plus(Duration.ofDays(days));
      String token = RaterTokens.add(tokens.file, name, expires);
      System.out.println(token);
      System.err.println(
          "token for "
              + name
              + " (shown once; only its hash is in "
              + tokens.file
              + (expires == null ? "" : "; it stops working at " + expires)
              + "). They type it on the rating page.");
      return 0;
    }
  }

  /** {@code list}: the names that have a token. */
  @Command(name = "list", description = "List who has a token.")
  static final class ListNames implements Callable<Integer> {
    @Mixin TokensFile tokens;

    @Override
    public Integer call() throws Exception {
      RaterTokens.names(tokens.file).forEach(System.out::println);
      return 0;
    }
  }

  /** {@code remove NAME}: the token stops working at the rater's next request. */
  @Command(name = "remove", description = "Remove NAME's token; it stops working at once.")
  static final class Remove implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The rater whose token goes.")
    String name;

    @Mixin TokensFile tokens;

    @Override
    public Integer call() throws Exception {
      if (!RaterTokens.remove(tokens.file, name)) {
        System.err.println(name + " has no token in " + tokens.file);
        return 1;
      }
      return 0;
    }
  }
}
