package io.faultline.checker.model;

import io.faultline.checker.history.Operation;

/**
 * A lock with {@code acquire} (legal iff free) and {@code release} (legal iff held), not tracked
 * per owner, as in Knossos. Initial state: free, or held when the initial value is {@code true}.
 * An operation with unknown outcome takes effect when it could, else does nothing.
 */
public final class MutexModel implements Model<Boolean, MutexModel.Input> {
  /** {@code acquire} false = release. */
  public record Input(boolean acquire, boolean known) {}

  private final boolean initiallyHeld;

  public MutexModel(Object init) {
    this.initiallyHeld = Boolean.TRUE.equals(init);
  }

  @Override
  public String name() {
    return "mutex";
  }

  @Override
  public Boolean init() {
    return initiallyHeld;
  }

  @Override
  public Input prepare(Operation op) {
    return switch (op.f()) {
      case "acquire", "lock" -> new Input(true, op.known());
      case "release", "unlock" -> new Input(false, op.known());
      default -> throw ModelInputs.unknownF(name(), op, "acquire, release");
    };
  }

  @Override
  public Boolean step(Boolean held, Input in) {
    boolean possible = in.acquire != held;
    if (possible) {
      return in.acquire;
    }
    return in.known ? null : held;
  }

  @Override
  public String describe(Boolean held) {
    return held ? "held" : "free";
  }
}
