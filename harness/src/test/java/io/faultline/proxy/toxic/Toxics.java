package io.faultline.proxy.toxic;

import java.util.Map;

/** Test helpers to make toxics the way the API does. */
final class Toxics {
  private Toxics() {}

  static Toxic of(ToxicType type, Map<String, Long> attributes) {
    return of(type, 1f, attributes);
  }

  static Toxic of(ToxicType type, float toxicity, Map<String, Long> attributes) {
    return Toxic.create(
        type.wireName() + "_downstream", type, "downstream", Direction.DOWNSTREAM, toxicity, attributes);
  }

  static Chunk bytes(ManualContext ctx, int n) {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) i;
    }
    return Chunk.of(data, ctx.now());
  }
}
