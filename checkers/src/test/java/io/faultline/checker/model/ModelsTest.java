package io.faultline.checker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checker.history.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsTest {

  private static Operation ok(String f, Object in, Object out) {
    return new Operation(0, 1, f, null, in, out, true, 0, 1, 1);
  }

  private static Operation info(String f, Object in) {
    return new Operation(0, 1, f, null, in, null, false, 0, Operation.NEVER, 1);
  }

  @SuppressWarnings("unchecked")
  private static Object run(Model<?, ?> m, Operation... ops) {
    Model<Object, Object> model = (Model<Object, Object>) m;
    Object s = model.init();
    for (Operation o : ops) {
      s = model.step(s, model.prepare(o));
      if (s == null) {
        return null;
      }
    }
    return model.describe(s);
  }

  @Test
  void unknownModelListsValidNames() {
    assertThatThrownBy(() -> Models.byName("linearizable-register"))
        .hasMessage("unknown model 'linearizable-register'; valid models: register, cas-register, "
            + "multi-register, key-value, set, queue, fifo-queue, mutex, etcd, kv");
  }

  @Test
  void nilReadsDependOnTheFormatsMeaning() {
    Model<?, ?> knossos = Models.create("cas-register", 0L, ReadNil.ANY);
    Model<?, ?> jsonl = Models.create("cas-register", 0L, ReadNil.EMPTY);
    assertThat(run(knossos, ok("read", null, null))).isEqualTo("0");
    assertThat(run(jsonl, ok("read", null, null))).isNull();
    assertThat(run(Models.byName("register"), ok("read", null, null))).isEqualTo("nil");
  }

  @Test
  void casRegisterAndEtcd() {
    Model<?, ?> etcd = Models.byName("etcd");
    assertThat(run(etcd, ok("cas", List.of(1L, 2L), Boolean.FALSE))).isEqualTo("nil");
    assertThat(run(etcd, ok("write", 1L, 1L), ok("cas", List.of(1L, 2L), Boolean.FALSE))).isNull();
    assertThat(run(etcd, ok("write", 1L, 1L), ok("cas", List.of(1L, 2L), List.of(1L, 2L)), ok("read", null, 2L))).isEqualTo("2");
    assertThat(run(etcd, ok("write", 1L, 1L), info("cas", List.of(3L, 2L)))).isEqualTo("1");
    assertThat(run(etcd, ok("write", 1L, 1L), info("cas", List.of(1L, 2L)))).isEqualTo("2");
    assertThatThrownBy(() -> Models.byName("register").prepare(ok("cas", List.of(1L, 2L), List.of(1L, 2L))))
        .hasMessage("model 'register' does not understand f 'cas' (it understands read, write)");
    assertThatThrownBy(() -> Models.byName("cas-register").prepare(ok("cas", 3L, 3L)))
        .hasMessageContaining("needs a value [expected, new], got 3");
  }

  @Test
  void otherModels() {
    assertThat(run(Models.byName("mutex"), ok("acquire", null, null), ok("release", null, null))).isEqualTo("free");
    assertThat(run(Models.byName("mutex"), ok("acquire", null, null), ok("acquire", null, null))).isNull();
    assertThat(run(Models.byName("mutex"), ok("acquire", null, null), info("acquire", null))).isEqualTo("held");
    assertThat(run(Models.byName("set"), ok("add", 1L, 1L), ok("add", 2L, 2L), ok("read", null, List.of(2L, 1L)))).isEqualTo("[\"1\",\"2\"]");
    assertThat(run(Models.byName("set"), ok("add", 1L, 1L), ok("read", null, List.of()))).isNull();
    assertThat(run(Models.byName("fifo-queue"), ok("enqueue", 1L, 1L), ok("enqueue", 2L, 2L), ok("dequeue", null, 2L))).isNull();
    assertThat(run(Models.byName("fifo-queue"), ok("enqueue", 1L, 1L), ok("enqueue", 2L, 2L), ok("dequeue", null, 1L))).isEqualTo("[\"2\"]");
    assertThat(run(Models.byName("queue"), ok("enqueue", 1L, 1L), ok("enqueue", 2L, 2L), ok("dequeue", null, 2L))).isNotNull();
    assertThat(run(Models.byName("queue"), ok("dequeue", null, null))).isNotNull();
    // A crashed dequeue may have taken the only element, so the queue may later be seen empty.
    assertThat(run(Models.byName("queue"), ok("enqueue", 1L, 1L), info("dequeue", null), ok("dequeue", null, null))).isEqualTo("[]");
    assertThat(run(Models.byName("queue"), ok("enqueue", 1L, 1L), ok("enqueue", 2L, 2L), info("dequeue", null)))
        .isEqualTo("one of: [\"1x1\",\"2x1\"] or [\"1x1\"] or [\"2x1\"]");
    assertThat(run(Models.byName("queue"), ok("enqueue", 1L, 1L), ok("dequeue", null, 1L), ok("dequeue", null, 1L))).isNull();
    assertThat(run(Models.byName("kv"), ok("put", "a", "a"), ok("append", "b", "b"), ok("get", null, "ab"))).isEqualTo("\"ab\"");
    assertThat(run(Models.byName("kv"), ok("get", null, "x"))).isNull();
    Model<?, ?> multi = Models.create("multi-register", Map.of("x", 0L, "y", 0L), ReadNil.ANY);
    assertThat(run(multi, ok("txn", List.of(List.of("w", "x", 2L)), List.of(List.of("w", "x", 2L))),
        ok("txn", List.of(Arrays.asList("r", "x", null), Arrays.asList("r", "y", null)),
            List.of(List.of("r", "x", 2L), List.of("r", "y", 0L))))).isEqualTo("{x=2, y=0}");
    assertThat(run(multi, ok("txn", List.of(Arrays.asList("r", "x", null)), List.of(List.of("r", "x", 5L))))).isNull();
    assertThatThrownBy(() -> Models.create("kv", 3L, ReadNil.EMPTY)).hasMessage("kv's initial value must be a string, got 3");
  }
}
