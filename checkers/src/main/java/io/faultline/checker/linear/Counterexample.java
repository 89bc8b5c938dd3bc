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
 */
public record Counterexample(
    Object key,
    String model,
    List<Operation> partOps,
    List<Operation> prefix,
    String stateAfterPrefix,
    Operation blocked,
    List<Operation> candidates) {}
