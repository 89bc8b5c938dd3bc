package io.faultline.checker.history;

/**
 * One client operation after pairing an invocation with its completion: what the checkers search
 * over. Positions are indices into the history (real-time order is file order).
 *
 * <p>{@code known} is true for an {@code ok} completion; false for an {@code info} completion or an
 * invocation that never completed, in which case {@code ret} is {@link #NEVER} (the operation may
 * take effect at any point after its call, or never) and {@code output} is null.
 *
 * @param id dense 0-based id within its paired history
 * @param input the invocation's value
 * @param output the ok completion's value (it replaces the invocation's, as in Knossos)
 * @param call position of the invocation in the history
 * @param ret position of the completion, or {@link #NEVER}
 * @param line 1-based line of the invocation in its source (for messages)
 */
public record Operation(
    int id,
    int process,
    String f,
    Object key,
    Object input,
    Object output,
    boolean known,
    int call,
    int ret,
    int line) {

  /** The return position of an operation whose outcome is unknown. */
  public static final int NEVER = Integer.MAX_VALUE;

  public Operation withId(int newId) {
    return new Operation(newId, process, f, key, input, output, known, call, ret, line);
  }

  /** True when this operation returned before {@code other} was invoked. */
  public boolean precedes(Operation other) {
    return ret < other.call;
  }

  /** A short human description, e.g. {@code p3 cas [1,2] -> ok}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append('p').append(process).append(' ').append(f);
    if (key != null) {
      s.append(" key=").append(Values.show(key));
    }
    if (input != null) {
      s.append(' ').append(Values.show(input));
    }
    s.append(known ? " -> " + Values.show(output) : " -> ?");
    return s.toString();
  }
}
