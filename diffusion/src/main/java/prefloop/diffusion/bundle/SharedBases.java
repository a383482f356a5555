package prefloop.diffusion.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The loads of bundles that frozen models share, one per bundle and device in this process,
 * counted: the first model of a bundle loads its base, later ones reuse it, and the last one to
 * close unloads it. The reference, the initial model, evaluation copies and the generator's served
 * versions of one bundle therefore hold its base once between them.
 */
final class SharedBases {

  private record Key(Path bundle, String identity, String device) {}

  private static final class Entry {
    final BundleInstance instance;
    int users;

    Entry(BundleInstance instance) {
      this.instance = instance;
    }
  }

  private static final Map<Key, Entry> LOADED = new HashMap<>();

  private SharedBases() {}

  /** The shared load of {@code bundle} on {@code device}, loading it if no model holds it. */
  static synchronized BundleInstance acquire(
      Path bundle, BundleManifest manifest, String identity, Device device)
      throws IOException, MalformedModelException {
    Key key = new Key(bundle, identity, String.valueOf(device));
    Entry entry = LOADED.get(key);
    if (entry == null) {
      entry = new Entry(new BundleInstance(bundle, manifest, device));
      LOADED.put(key, entry);
    }
    entry.users++;
    return entry.instance;
  }

  /** Gives back one use of {@code instance}; the last closes it. */
  static synchronized void release(BundleInstance instance) {
    var found = LOADED.entrySet().stream().filter(e -> e.getValue().instance == instance).findAny();
    if (found.isEmpty()) {
      throw new IllegalStateException("this bundle load is not shared, or was released already");
    }
    Entry entry = found.get().getValue();
    if (--entry.users == 0) {
      LOADED.remove(found.get().getKey());
      instance.close();
    }
  }

  /** How many shared loads are open (for tests). */
  static synchronized int open() {
    return LOADED.size();
  }
}
