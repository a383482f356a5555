package prefloop.app;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import prefloop.app.dashboard.DashboardCommand;
import prefloop.app.export.ExportLabelsCommand;
import prefloop.broker.BrokerCommand;
import prefloop.diffusion.kernels.KernelCheckCommand;
import prefloop.diffusion.pretrain.PretrainCommand;
import prefloop.evaluation.EvalCommand;
import prefloop.evaluation.ablation.AblateCommand;
import prefloop.evaluation.ablation.AblatePoolCommand;
import prefloop.generator.GeneratorMain;
import prefloop.learner.service.LearnerMain;
import prefloop.rater.fidelity.FidelityTrainCommand;
import prefloop.rater.service.RaterMain;
import prefloop.schemas.cli.Commands;

/** The {@code prefloop} command. */
@Command(
    name = "prefloop",
    mixinStandardHelpOptions = true,
    version = "prefloop 0.1.0",
    description = "Online Diffusion-DPO over Kafka.",
    subcommands = {
      UpCommand.class,
      BrokerCommand.class,
      GeneratorMain.class,
      RaterMain.class,
      LearnerMain.class,
      DashboardCommand.class,
      PretrainCommand.class,
      FidelityTrainCommand.class,
      EvalCommand.class,
      AblateCommand.class,
      AblatePoolCommand.class,
      ExportLabelsCommand.class,
      KernelCheckCommand.class
    })
public final class PrefloopCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The command tree, with option defaults read from {@code environment} (PREFLOOP_*). */
  static CommandLine commandLine(Map<String, String> environment) {
    CommandLine line = Commands.line(new PrefloopCommand());
    line.setDefaultValueProvider(new EnvironmentDefaults(environment));
    return line;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }
}
