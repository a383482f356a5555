package prefloop.rater.model;

import ai.djl.Device;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import prefloop.rater.aesthetic.AestheticModel;
import prefloop.rater.aesthetic.HeldOutAestheticModel;
import prefloop.rater.fidelity.FidelityModel;
import prefloop.rater.fidelity.FidelityScore;
import prefloop.rater.hackable.HackableModel;

/** Builds reward models from their config. */
public final class RewardModels {
  private RewardModels() {}

  /**
   * A loaded model; relative locations resolve against {@code baseDir}.
   *
   * @param remoteTimeout per-attempt timeout of remote scorers
   */
  public static RewardModel create(ModelSpec spec, Path baseDir, Duration remoteTimeout) {
    return create(spec, baseDir, remoteTimeout, null);
  }

  /**
   * As {@link #create(ModelSpec, Path, Duration)}, with the DJL models (fidelity, TorchScript) on
   * {@code device} (null: the engine's default).
   */
  public static RewardModel create(
      ModelSpec spec, Path baseDir, Duration remoteTimeout, Device device) {
    return switch (spec.kind()) {
      case FIDELITY ->
          FidelityModel.load(
              spec.name(), baseDir.resolve(spec.location()), device, FidelityScore.LOG_PROBABILITY);
      case AESTHETIC -> new AestheticModel(spec.name());
      case AESTHETIC_HELDOUT -> new HeldOutAestheticModel(spec.name());
      case TORCHSCRIPT ->
          TorchScriptModel.load(spec.name(), baseDir.resolve(spec.location()), device);
      case BRIGHTNESS -> new HackableModel(spec.name(), HackableModel.Target.BRIGHTNESS, "");
      case SATURATION -> new HackableModel(spec.name(), HackableModel.Target.SATURATION, "");
      case COLOUR -> new HackableModel(spec.name(), HackableModel.Target.COLOUR, spec.location());
      case REMOTE ->
          new RemoteModel(
              spec.name(),
              new RemoteScorerConfig(
                  URI.create(spec.location()), remoteTimeout, 3, Duration.ofMillis(200)));
    };
  }
}
