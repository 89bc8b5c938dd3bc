package io.faultline.checker.model;

import java.util.List;

/** Finds models by name. */
public final class Models {
  /** Every valid name, in the order shown in error messages. */
  public static final List<String> NAMES = List.of("register", "cas-register", "multi-register",
      "key-value", "set", "queue", "fifo-queue", "mutex", "etcd", "kv");

  private Models() {}

  /** The model {@code name} with its default initial state and nil reads meaning "empty". */
  public static Model<?, ?> byName(String name) {
    return create(name, null, ReadNil.EMPTY);
  }

  /**
   * The model {@code name} starting from {@code init} (JSON-shaped; null = the model's empty
   * state).
   *
   * @throws IllegalArgumentException naming the valid models when {@code name} is unknown, or
   *     when {@code init} does not fit the model
   */
  public static Model<?, ?> create(String name, Object init, ReadNil readNil) {
    return switch (name) {
      case "register" -> new RegisterModel("register", false, init, readNil);
      case "cas-register" -> new RegisterModel("cas-register", true, init, readNil);
      case "etcd" -> new RegisterModel("etcd", true, init, ReadNil.EMPTY);
      case "multi-register", "key-value" -> new MultiRegisterModel(init, readNil);
      case "set" -> new SetModel(init);
      case "queue", "unordered-queue" -> new PowersetModel<>(new UnorderedQueueModel(init));
      case "fifo-queue" -> new FifoQueueModel(init);
      case "mutex" -> new MutexModel(init);
      case "kv" -> new KvModel(init);
      default -> throw new IllegalArgumentException("unknown model '" + name + "'; valid models: "
          + String.join(", ", NAMES));
    };
  }
}
