package io.faultline.checker.history;

/**
 * One history event (DESIGN.md, "Histories").
 *
 * <p>Values are plain JSON-shaped Java objects: {@code null}, {@link Long} (every integer is a
 * Long), {@link Double}, {@link String}, {@link Boolean}, {@code List<Object>} and
 * {@code Map<String,Object>}. {@code key}, {@code node} and {@code error} may be null.
 *
 * @param index position in the history, 0-based and dense
 * @param time nanoseconds since the test started (monotonic)
 * @param process client process id, or {@link #NEMESIS} for fault events
 */
public record Op(
    long index,
    long time,
    int process,
    OpType type,
    String f,
    Object key,
    Object value,
    String node,
    String error) {

  /** The process id of nemesis events; written as the string {@code "nemesis"}. */
  public static final int NEMESIS = -1;

  public boolean isNemesis() {
    return process == NEMESIS;
  }

  public Op withIndex(long newIndex) {
    return new Op(newIndex, time, process, type, f, key, value, node, error);
  }

  /** A client invocation with no key, node or error. */
  public static Op invoke(long index, long time, int process, String f, Object value) {
    return new Op(index, time, process, OpType.INVOKE, f, null, value, null, null);
  }

  /** A completion of {@code type} with no key, node or error. */
  public static Op complete(long index, long time, int process, OpType type, String f, Object value) {
    return new Op(index, time, process, type, f, null, value, null, null);
  }
}
