package io.faultline.sut;

import io.faultline.client.OpClient;
import io.faultline.runtime.NodeSpec.Address;
import io.faultline.workload.ClientKind;
import java.util.function.Consumer;

/**
 * Turns a workload's operations into requests to one node of the system under test and its answers
 * into ok / fail / info ({@link OpClient}). Called once per client process and node, from the
 * runner's worker threads; the returned client is used by one thread at a time.
 */
public interface ClientMapping {

  /**
   * @param kind which operations the workload issues; throw {@link IllegalArgumentException} naming
   *     the kind if this system cannot perform them
   * @param node the node's client address
   * @param timeoutMillis how long one request may take before it is unknown ({@code info})
   * @param harnessBug where to report answers that mean the harness asked something wrong
   */
  OpClient open(ClientKind kind, Address node, int timeoutMillis, Consumer<String> harnessBug);
}
