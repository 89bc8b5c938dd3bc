package io.faultline.checker.txn;

import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.List;

/**
 * Plants one {@link TxnHistoryGenerator.PlantedFault} into a generated history: a short script
 * of transactions whose results deviate from the serial execution in one precise way.
 */
final class FaultPlanter {
  private final TxnHistoryGenerator gen;

  FaultPlanter(TxnHistoryGenerator gen) {
    this.gen = gen;
  }

  void plant(TxnHistoryGenerator.PlantedFault fault, long x, long otherKey) {
    long y = otherKey == x ? x + 1 : otherKey;
    switch (fault) {
      case NONE -> { }
      case LOST_UPDATE -> lostUpdate(x);
      case STALE_READ -> staleRead(x);
      case CYCLE -> cycle(x, y);
      case ABORTED_READ -> abortedRead(x);
      case INTERMEDIATE_READ -> intermediateRead(x);
      case DUPLICATE -> duplicate(x);
    }
  }

  /** T1 and T2 both read x = V and write x; the store keeps only T2's write. */
  private void lostUpdate(long x) {
    Object before = gen.read(x);
    List<MicroOp> t1 = List.of(MicroOp.read(x, null), gen.writeOf(x));
    gen.issue(t1, gen.apply(t1), OpType.OK);
    gen.overwrite(x, before);
    List<MicroOp> t2 = List.of(MicroOp.read(x, null), gen.writeOf(x));
    gen.issue(t2, gen.apply(t2), OpType.OK);
    readOnly(x);
  }

  /** W writes x and completes; then T is invoked and reads x as it was before W. */
  private void staleRead(long x) {
    List<MicroOp> first = List.of(gen.writeOf(x)); // x is non-empty: the stale read says more
    gen.issue(first, gen.apply(first), OpType.OK);
    Object before = gen.read(x);
    // For registers, W reads first: write-follows-read orders its write after that version.
    List<MicroOp> w = gen.workload() == TxnHistoryGenerator.Workload.LIST_APPEND
        ? List.of(gen.writeOf(x)) : List.of(MicroOp.read(x, null), gen.writeOf(x));
    int slot = gen.issue(w, gen.apply(w), OpType.OK);
    gen.complete(slot);
    List<MicroOp> t = List.of(MicroOp.read(x, null));
    gen.issue(t, List.of(MicroOp.read(x, before)), OpType.OK);
  }

  /** T1 writes x and reads y; T2 writes y and reads x; each sees the other's write. */
  private void cycle(long x, long y) {
    MicroOp writeX = gen.writeOf(x);
    MicroOp writeY = gen.writeOf(y);
    List<MicroOp> t1 = List.of(writeX, MicroOp.read(y, null));
    List<MicroOp> t2 = List.of(writeY, MicroOp.read(x, null));
    gen.apply(List.of(writeX));
    List<MicroOp> t2Result = gen.apply(t2);
    List<MicroOp> t1Result = List.of(writeX, MicroOp.read(y, gen.read(y)));
    gen.issue(t1, t1Result, OpType.OK);
    gen.issue(t2, t2Result, OpType.OK);
  }

  /** F writes x and fails, yet its write stays; a later read sees it. */
  private void abortedRead(long x) {
    List<MicroOp> f = List.of(gen.writeOf(x));
    gen.apply(f);
    gen.issue(f, null, OpType.FAIL);
    readOnly(x);
  }

  /** T writes x twice; R reads x between the two writes. */
  private void intermediateRead(long x) {
    MicroOp first = gen.writeOf(x);
    MicroOp second = gen.writeOf(x);
    gen.apply(List.of(first));
    Object between = gen.read(x);
    gen.apply(List.of(second));
    List<MicroOp> t = List.of(first, second);
    gen.issue(t, t, OpType.OK);
    List<MicroOp> r = List.of(MicroOp.read(x, null));
    gen.issue(r, List.of(MicroOp.read(x, between)), OpType.OK);
  }

  /** A read of x returns its last element twice. */
  private void duplicate(long x) {
    List<MicroOp> w = List.of(gen.writeOf(x));
    gen.issue(w, gen.apply(w), OpType.OK);
    List<Object> doubled = new ArrayList<>((List<?>) gen.read(x));
    doubled.add(doubled.get(doubled.size() - 1));
    List<MicroOp> r = List.of(MicroOp.read(x, null));
    gen.issue(r, List.of(MicroOp.read(x, doubled)), OpType.OK);
  }

  private void readOnly(long x) {
    List<MicroOp> r = List.of(MicroOp.read(x, null));
    gen.issue(r, gen.apply(r), OpType.OK);
  }
}
