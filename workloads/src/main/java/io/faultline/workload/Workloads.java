package io.faultline.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The workloads by name, as {@code --workload} accepts them. */
public final class Workloads {
  private static final Map<String, Supplier<Workload>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("cas-register", CasRegisterWorkload::new);
    ALL.put("register", RegisterWorkload::new);
    ALL.put("set", SetWorkload::new);
    ALL.put("list-append", ListAppendWorkload::new);
    ALL.put("rw-register", RwRegisterWorkload::new);
  }

  private Workloads() {}

  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  public static Optional<Workload> byName(String name) {
    Supplier<Workload> s = ALL.get(name);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }
}
