package io.faultline.checker.txn;

import static io.faultline.checker.txn.Hist.rr;
import static io.faultline.checker.txn.Hist.txn;
import static io.faultline.checker.txn.Hist.w;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Minimal rw-register histories showing each anomaly, and near-misses that do not. */
class RwRegisterAnomaliesTest {

  static CheckResult check(ConsistencyModel model, Hist h) {
    return new RwRegisterChecker(model, Budget.of(Duration.ofSeconds(30), 1L << 30), () -> 0L)
        .check(h.ops());
  }

  @SuppressWarnings("unchecked")
  static List<String> types(Hist h) {
    return (List<String>) check(ConsistencyModel.STRICT_SERIALIZABLE, h).details()
        .get("anomaly-types");
  }

  @Test
  void nameIsRwRegister() {
    assertThat(new RwRegisterChecker().name()).isEqualTo("rw-register");
    assertThat(new ListAppendChecker().name()).isEqualTo("list-append");
  }

  @Test
  void g1aAbortedRead() {
    assertThat(types(new Hist().fail(0, w("x", 1)).ok(1, rr("x", 1L)))).containsExactly("G1a");
    assertThat(types(new Hist().info(0, w("x", 1)).ok(1, rr("x", 1L)))).isEmpty();
  }

  @Test
  void g1bIntermediateRead() {
    assertThat(types(new Hist().concurrent(0, txn(w("x", 1), w("x", 2)), txn(rr("x", 1L)))))
        .contains("G1b");
    assertThat(types(new Hist().concurrent(0, txn(w("x", 1), w("x", 2)), txn(rr("x", 2L)))))
        .isEmpty();
  }

  @Test
  void g1cCircularInformationFlow() {
    Hist h = new Hist().concurrent(0, txn(w("x", 1), rr("y", 1L)), txn(w("y", 1), rr("x", 1L)));
    assertThat(types(h)).containsExactly("G1c");
    Hist near = new Hist().concurrent(0, txn(w("x", 1), rr("y", null)),
        txn(w("y", 1), rr("x", 1L)));
    assertThat(types(near)).isEmpty();
  }

  @Test
  void g0ByWriteFollowsRead() {
    // T1 read x=1 (T2's) then wrote x=3; T2 read y=2 (T1's) then wrote y=4: ww both ways.
    Hist h = new Hist().concurrent(0,
        txn(w("y", 2), rr("x", 1L), w("x", 3)),
        txn(w("x", 1), rr("y", 2L), w("y", 4)));
    assertThat(types(h)).contains("G1c");
  }

  @Test
  void gSingleFromInitialState() {
    // T2 saw T1's write of x but the initial (empty) y, which T1 also wrote.
    Hist h = new Hist().concurrent(0, txn(w("x", 1), w("y", 1)), txn(rr("x", 1L), rr("y", null)));
    assertThat(types(h)).containsExactly("G-single");
    Hist near = new Hist().concurrent(0, txn(w("x", 1), w("y", 1)),
        txn(rr("x", 1L), rr("y", 1L)));
    assertThat(types(near)).isEmpty();
  }

  @Test
  void staleReadAfterCompletedWriteIsRealtime() {
    Hist h = new Hist().ok(0, w("x", 1)).ok(1, rr("x", null));
    CheckResult result = check(ConsistencyModel.STRICT_SERIALIZABLE, h);
    assertThat(types(h)).containsExactly("G-single-realtime");
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(check(ConsistencyModel.SERIALIZABLE, h).verdict()).isEqualTo(Verdict.VALID);
    assertThat(types(new Hist().concurrent(0, txn(w("x", 1)), txn(rr("x", null))))).isEmpty();
  }

  @Test
  void lostUpdate() {
    Hist h = new Hist().concurrent(0, txn(rr("x", null), w("x", 1)),
        txn(rr("x", null), w("x", 2)));
    assertThat(types(h)).contains("lost-update");
    assertThat(check(ConsistencyModel.READ_COMMITTED, h).verdict()).isEqualTo(Verdict.VALID);
    Hist near = new Hist().concurrent(0, txn(rr("x", null), w("x", 1)),
        txn(rr("x", 1L), w("x", 2)));
    assertThat(types(near)).isEmpty();
  }

  @Test
  void internalAndGarbage() {
    assertThat(types(new Hist().ok(0, w("x", 1), rr("x", 2L)))).contains("internal");
    assertThat(types(new Hist().ok(0, w("x", 1), rr("x", 1L)))).isEmpty();
    assertThat(types(new Hist().ok(0, rr("x", 7L)))).containsExactly("garbage-read");
  }

  @Test
  void explanationsNameTheRegisterInference() {
    Hist h = new Hist().concurrent(0, txn(w("x", 1), w("y", 1)), txn(rr("x", 1L), rr("y", null)));
    String text = check(ConsistencyModel.STRICT_SERIALIZABLE, h).details().toString();
    assertThat(text).contains("read x = 1, which T").contains("the initial empty state precedes");
  }
}
