package io.faultline.checker.txn;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transaction: an invocation paired with its completion. {@code ops} are the completion's
 * micro-ops for an ok transaction (reads filled in) and the invocation's otherwise (an info or
 * fail transaction's reads are unknown). A transaction whose invocation never completed is
 * treated as info.
 *
 * @param id dense id, in order of invocation; the node number in the dependency graph
 * @param invokePosition position of the invocation in the history list
 * @param completePosition position of the completion, or {@link Long#MAX_VALUE} if none
 */
public record Txn(
    int id, Op invoke, Op completion, OpType type, long invokePosition, long completePosition,
    List<MicroOp> ops) {

  public boolean isOk() {
    return type == OpType.OK;
  }

  public boolean isFail() {
    return type == OpType.FAIL;
  }

  public int process() {
    return invoke.process();
  }

  /** The history index a person should look at: the completion's, else the invocation's. */
  public long index() {
    return completion != null ? completion.index() : invoke.index();
  }

  /** The JSON shape used in anomaly reports: index, process, type, value. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", index());
    json.put("process", process());
    json.put("type", type.wireName());
    json.put("value", ops.stream().map(MicroOp::toJson).toList());
    return json;
  }

  /** The transaction as {@code [[r x [1 2]] [append y 3]]}, for explanations. */
  public String describe() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < ops.size(); i++) {
      text.append(i == 0 ? "" : " ").append(ops.get(i));
    }
    return text.append(']').toString();
  }
}
