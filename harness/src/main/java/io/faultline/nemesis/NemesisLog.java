package io.faultline.nemesis;

/** Where nemesis events go: the history, as {@code info} ops of process {@code "nemesis"}. */
@FunctionalInterface
public interface NemesisLog {
  void record(String f, Object value);
}
