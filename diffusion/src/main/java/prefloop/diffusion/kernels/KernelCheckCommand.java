package prefloop.diffusion.kernels;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code prefloop kernel-check}: runs {@link KernelSelfCheck} under the process's {@code
 * ONEDNN_MAX_CPU_ISA} and exits 0 when the kernels are exact, 1 when they are not.
 */
@Command(
    name = "kernel-check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that the engine computes the model exactly on this CPU under ONEDNN_MAX_CPU_ISA:"
          + " repeated forwards bit-identical, gradients equal to finite differences.",
      "Exit 0: exact; 1: not exact (do not train under this cap). ./prefloop runs it to choose"
          + " the cap."
    })
public final class KernelCheckCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    KernelCheckReport report = KernelSelfCheck.run();
    System.out.println(report.summary());
    report.failures().forEach(failure -> System.out.println("  " + failure));
    return report.exact() ? 0 : 1;
  }
}
