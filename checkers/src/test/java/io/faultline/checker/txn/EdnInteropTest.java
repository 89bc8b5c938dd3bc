package io.faultline.checker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.EdnHistoryReader;
import io.faultline.checker.history.History;
import org.junit.jupiter.api.Test;

/** Jepsen EDN list-append and rw-register histories, read by the shared EDN reader. */
class EdnInteropTest {

  @Test
  void jepsenListAppendHistoryWithACycle() throws Exception {
    String edn = """
        {:type :invoke, :f :txn, :value [[:append 1 1] [:r 2 nil]], :process 0, :index 0}
        {:type :invoke, :f :txn, :value [[:append 2 1] [:r 1 nil]], :process 1, :index 1}
        {:type :ok, :f :txn, :value [[:append 1 1] [:r 2 [1]]], :process 0, :index 2}
        {:type :ok, :f :txn, :value [[:append 2 1] [:r 1 [1]]], :process 1, :index 3}
        {:type :info, :f :start-partition, :value nil, :process :nemesis, :index 4}
        """;
    History history = EdnHistoryReader.read("g1c.edn", edn, false);
    CheckResult result = new ListAppendChecker().check(history.ops());
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.details().get("anomaly-types")).asList().containsExactly("G1c");
  }

  @Test
  void jepsenRwRegisterHistoryThatIsFine() throws Exception {
    String edn = """
        [{:type :invoke, :f :txn, :value [[:w :x 1]], :process 0}
         {:type :ok, :f :txn, :value [[:w :x 1]], :process 0}
         {:type :invoke, :f :txn, :value [[:r :x nil] [:w :x 2]], :process 1}
         {:type :ok, :f :txn, :value [[:r :x 1] [:w :x 2]], :process 1}
         {:type :invoke, :f :txn, :value [[:r :x nil]], :process 2}
         {:type :ok, :f :txn, :value [[:r :x 2]], :process 2}]
        """;
    History history = EdnHistoryReader.read("ok.edn", edn, false);
    CheckResult result = new RwRegisterChecker().check(history.ops());
    assertThat(result.details().get("anomaly-types")).asList().isEmpty();
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }
}
