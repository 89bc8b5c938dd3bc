package io.faultline.proxy.toxic;

/** Makes the stage that implements a toxic in one direction of one connection. */
public final class Stages {
  private Stages() {}

  /** A started stage for {@code toxic}, writing to {@code next}. */
  public static Stage start(StageContext ctx, Toxic toxic, Sink next) {
    Stage stage =
        switch (toxic.type()) {
          case LATENCY -> new LatencyStage(ctx, toxic, next);
          case BANDWIDTH -> new BandwidthStage(ctx, toxic, next);
          case SLOW_CLOSE -> new SlowCloseStage(ctx, toxic, next);
          case TIMEOUT -> new TimeoutStage(ctx, toxic, next);
          case RESET_PEER -> new ResetPeerStage(ctx, toxic, next);
          case SLICER -> new SlicerStage(ctx, toxic, next);
          case LIMIT_DATA -> new LimitDataStage(ctx, toxic, next);
          case NOOP -> new NoopStage(ctx, toxic, next);
        };
    stage.start();
    return stage;
  }
}
