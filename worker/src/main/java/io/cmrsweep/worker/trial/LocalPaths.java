package io.cmrsweep.worker.trial;

import java.net.URI;
import java.nio.file.Path;

/** Checkpoints are written with DJL, which needs a local (or mounted) file system path. */
final class LocalPaths {
  private LocalPaths() {}

  static Path of(String field, String location) {
    if (location == null || location.isBlank()) {
      throw new BadSpecException(field + " is empty; give a local directory");
    }
    if (location.startsWith("file:")) {
      return Path.of(URI.create(location));
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new BadSpecException(field + "=" + location + " is not on a local file system; checkpoints are"
          + " written by DJL to local or mounted storage (use a path or file:// URI, e.g. a mounted volume)");
    }
    return Path.of(location);
  }
}
