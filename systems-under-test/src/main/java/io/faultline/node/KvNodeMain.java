package io.faultline.node;

/** Entry point of the KV node program (see DESIGN.md, "The bundled systems under test"). */
public final class KvNodeMain {
  private KvNodeMain() {}

  public static void main(String[] args) {
    System.err.println("kv-node: not available in this build yet");
    System.exit(2);
  }
}
