package chaincast.run;

import chaincast.model.Model;
import chaincast.seed.SeedLoader;

/** The shipped seeded model, loaded once for the planning tests (no server). */
final class Seeded {
  private static Model model;

  private Seeded() {}

  static synchronized Model model() {
    if (model == null) {
      model = SeedLoader.fromClasspath();
    }
    return model;
  }

  static int cellIndex(String id) {
    return model().cells().indexOf(model().cell(id).orElseThrow());
  }
}
