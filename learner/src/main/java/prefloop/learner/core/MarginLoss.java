package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import prefloop.diffusion.model.Scalars;

/** How a pair's implicit reward margin m (β already in it) becomes its loss. */
public enum MarginLoss {
  /** DPO: −log σ(m). */
  LOGISTIC {
    @Override
    public NDArray of(NDArray margins) {
      return PreferenceLoss.negativeLogSigmoid(margins);
    }
  },
  /**
   * IPO (Azar et al. 2023): (m − ½)², which is their (h − 1/(2β))² with h = m/β, times β². The
   * constant factor changes nothing for AdamW; the square stops pushing a pair once its margin
   * reaches ½, where DPO's log-sigmoid keeps pushing it towards infinity.
   */
  SQUARED {
    @Override
    public NDArray of(NDArray margins) {
      return margins.sub(Scalars.like(margins, 0.5f)).square();
    }
  };

  /** The loss of each margin, elementwise. */
  public abstract NDArray of(NDArray margins);
}
