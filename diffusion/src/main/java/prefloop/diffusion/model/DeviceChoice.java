package prefloop.diffusion.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Which device a service runs its models on ({@code --device}): {@code auto} takes a GPU when the
 * engine sees one. The learner, the generator and the rater each resolve their own.
 */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /**
   * The device this choice resolves to on this machine.
   *
   * @throws IllegalStateException for GPU when the engine sees none
   */
  public Device resolve() {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException(
              "device = gpu but the PyTorch engine sees no GPU: use device = auto or cpu, or"
                  + " install a CUDA libtorch (leave out pytorch-native-cpu)");
        }
        yield Device.gpu();
      }
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }
}
