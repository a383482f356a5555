package prefloop.app.dashboard;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The PNG grids of the newest {@code capacity} policy versions. Thread-safe. */
final class GridStore {
  private final int capacity;
  private final TreeMap<Long, byte[]> grids = new TreeMap<>();

  GridStore(int capacity) {
    this.capacity = capacity;
  }

  synchronized void put(long version, byte[] png) {
    grids.put(version, png);
    while (grids.size() > capacity) {
      grids.pollFirstEntry();
    }
  }

  synchronized Optional<byte[]> get(long version) {
    return Optional.ofNullable(grids.get(version));
  }

  /** The newest version with a grid, or empty. */
  synchronized Optional<Long> latestVersion() {
    return grids.isEmpty() ? Optional.empty() : Optional.of(grids.lastKey());
  }

  synchronized List<Long> versions() {
    return List.copyOf(grids.keySet());
  }
}
