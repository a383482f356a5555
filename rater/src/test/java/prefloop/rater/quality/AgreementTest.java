package prefloop.rater.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgreementTest {

  @Test
  void cohensKappaOfTheTextbookTwoByTwoTableIsFourTenths() {
    // 50 items: both yes 20, first yes second no 5, first no second yes 10, both no 15
    Map<String, String> first = new HashMap<>();
    Map<String, String> second = new HashMap<>();
    int item = 0;
    for (String[] cell :
        new String[][] {
          {"yes", "yes", "20"}, {"yes", "no", "5"}, {"no", "yes", "10"}, {"no", "no", "15"}
        }) {
      for (int i = 0; i < Integer.parseInt(cell[2]); i++, item++) {
        first.put("p" + item, cell[0]);
        second.put("p" + item, cell[1]);
      }
    }
    first.put("only-first", "yes");
    // p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5
    assertThat(Agreement.cohensKappa(first, second)).isCloseTo(0.4, within(1e-12));
    assertThat(Agreement.cohensKappa(first, first)).isEqualTo(1.0);
    assertThat(Agreement.cohensKappa(first, Map.of("other", "yes"))).isNaN();
  }

  @Test
  void krippendorffsAlphaOfKrippendorffsOwnNominalExampleIs0743() {
    // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units,
    // missing values as 0; nominal α = 0.743
    int[][] observers = {
      {1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
      {0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0}
    };
    Map<String, List<Integer>> units = new LinkedHashMap<>();
    for (int u = 0; u < 12; u++) {
      List<Integer> labels = new ArrayList<>();
      for (int[] observer : observers) {
        if (observer[u] != 0) {
          labels.add(observer[u]);
        }
      }
      units.put("unit" + u, labels);
    }
    assertThat(Agreement.krippendorffAlpha(units)).isCloseTo(0.743, within(0.0005));
  }

  @Test
  void alphaIsOneForPerfectAgreementAndNaNWhenOnlyOneValueIsEverUsed() {
    assertThat(Agreement.krippendorffAlpha(Map.of("a", List.of("A", "A"), "b", List.of("B", "B"))))
        .isEqualTo(1.0);
    assertThat(Agreement.krippendorffAlpha(Map.of("a", List.of("A", "A")))).isNaN();
    assertThat(Agreement.krippendorffAlpha(Map.of("a", List.of("A")))).isNaN();
  }
}
