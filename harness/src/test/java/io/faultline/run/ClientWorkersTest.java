package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.client.Completion;
import io.faultline.client.OpClient;
import io.faultline.generator.Gens;
import io.faultline.generator.Invocation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientWorkersTest {
  @TempDir Path dir;

  @Test
  void infoCrashesTheProcessAndTheWorkerContinuesAsANewOne() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Map<Integer, String> nodeOfProcess = new java.util.concurrent.ConcurrentHashMap<>();
    ClientWorkers.ClientFactory factory = (process, node) -> {
      nodeOfProcess.put(process, node);
      return new OpClient() {
        public Completion invoke(Invocation op) {
          int n = calls.incrementAndGet();
          return n % 3 == 0 ? Completion.info(op.value(), "timeout") : Completion.ok(op.value());
        }

        public void close() {}
      };
    };
    Path file = dir.resolve("history.jsonl");
    HistoryRecorder recorder = new HistoryRecorder(file, System::nanoTime);
    ClientWorkers workers = new ClientWorkers(2, 1, List.of("n1", "n2", "n3"), factory, recorder);
    workers.runPhase("main", Gens.limit(30, Gens.repeat(r -> new Invocation("write", "k", 1L))));
    workers.runPhase("final", Gens.once(new Invocation("read", "k", null)));
    recorder.close();

    List<Op> history = recorder.snapshot();
    assertThat(history).hasSize(2 * 31 * 2);
    // Each process: invoke, completion, invoke, ... and never anything after an info.
    Map<Integer, OpType> last = new HashMap<>();
    for (Op op : history) {
      OpType prev = last.get(op.process());
      if (op.type() == OpType.INVOKE) {
        assertThat(prev).as("process %d", op.process()).isIn(null, OpType.OK);
      } else {
        assertThat(prev).isEqualTo(OpType.INVOKE);
      }
      last.put(op.process(), op.type());
      assertThat(op.process() % 2).isEqualTo(Math.floorMod(op.process(), 2)); // worker = process mod concurrency
    }
    long infos = history.stream().filter(o -> o.type() == OpType.INFO).count();
    assertThat(last.keySet()).hasSize((int) infos + 2);
    nodeOfProcess.forEach((p, node) -> assertThat(node).isEqualTo("n" + (p % 3 + 1)));
    // The file holds the same events in the same order.
    assertThat(JsonlHistoryReader.read(file).ops()).isEqualTo(history);
  }
}
