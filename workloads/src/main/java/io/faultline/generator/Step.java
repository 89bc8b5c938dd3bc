package io.faultline.generator;

/** What a generator cursor answers when asked for its next operation. */
public sealed interface Step permits Step.Emit, Step.Pending, Step.Exhausted {

  /** Perform this operation now. */
  record Emit(Invocation invocation) implements Step {}

  /** Nothing to do before {@code untilNanos} (test-relative time); ask again then. */
  record Pending(long untilNanos) implements Step {}

  /** This cursor will never emit again. */
  record Exhausted() implements Step {
    static final Exhausted INSTANCE = new Exhausted();
  }

  static Step exhausted() {
    return Exhausted.INSTANCE;
  }
}
