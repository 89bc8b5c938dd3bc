package io.faultline.checker.linear;

import io.faultline.checker.history.Operation;
import java.util.List;

/**
 * Why one part of a history is not linearisable: the longest prefix the search could linearise,
 * the model state after it, and the operation that then could not be placed: it had returned,
 * yet no pending operation (the candidates) could legally be linearised next without reaching an
 * already-explored dead end.
 *
 * @param key partition key (null for an unpartitioned history)
 * @param partOps every operation of the failing part (for drawing)
 * @param prefix the longest linearisable prefix, in linearisation order
 * @param stateAfterPrefix the model state after {@code prefix}, described
 * @param blocked the operation that returned before it could be linearised
 * @param candidates the pending operations that were tried at that point (at most 64)
 * @param setAside operations left out before the search because they cannot change the verdict
 *     (crashed operations whose effect nothing can observe, and operations that change nothing);
 *     none of them is in {@code prefix} or {@code candidates}
 */
public record Counterexample(
    Object key,
    String model,
    List<Operation> partOps,
    List<Operation> prefix,
    String stateAfterPrefix,
    Operation blocked,
    List<Operation> candidates,
    List<Operation> setAside) {}
