package io.faultline.proxy.loop;

/** A scheduled task that can still be called off. Cancelling twice, or after it ran, is harmless. */
public interface Cancellable {
  void cancel();
}
