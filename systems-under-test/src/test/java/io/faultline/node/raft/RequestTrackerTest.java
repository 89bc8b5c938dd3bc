package io.faultline.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvQuery;
import io.faultline.node.kv.KvStateMachine;
import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.ReadState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The failure contract: only work that certainly entered no log fails definitely. */
class RequestTrackerTest {
  private final RequestTracker tracker = new RequestTracker(null, new KvStateMachine(), 1_000);

  private static Throwable failure(CompletableFuture<byte[]> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void ourEntryAppliedAtTheIndexSucceedsWithItsOutput() {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    tracker.awaitWrite(7, 3, new RequestTracker.Local(f), 0);
    tracker.onApplied(new Entry(7, 3, new byte[] {1}), new byte[] {42});
    assertThat(f.join()).containsExactly(42);
  }

  @Test
  void anotherEntryAtTheIndexMakesTheOutcomeUnknownNotFailed() {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    tracker.awaitWrite(7, 3, new RequestTracker.Local(f), 0);
    tracker.onApplied(new Entry(7, 4, null), null);
    assertThat(failure(f)).isInstanceOf(UnknownOutcomeException.class);
  }

  @Test
  void aSnapshotOverTheIndexOrATimeoutIsUnknown() {
    CompletableFuture<byte[]> covered = new CompletableFuture<>();
    CompletableFuture<byte[]> late = new CompletableFuture<>();
    tracker.awaitWrite(5, 1, new RequestTracker.Local(covered), 0);
    tracker.awaitWrite(9, 1, new RequestTracker.Local(late), 0);
    tracker.onSnapshotInstalled(6);
    assertThat(failure(covered)).isInstanceOf(UnknownOutcomeException.class);
    assertThat(late).isNotDone();
    tracker.expire(10_000);
    assertThat(failure(late)).isInstanceOf(UnknownOutcomeException.class);
  }

  @Test
  void readsAreAnsweredOnceAppliedAndFailDefinitelyWhenLeadershipIsLost() {
    CompletableFuture<byte[]> served = new CompletableFuture<>();
    CompletableFuture<byte[]> lost = new CompletableFuture<>();
    tracker.awaitRead(1, KvCodec.encode(new KvQuery.Get("k")), new RequestTracker.Local(served), 0);
    tracker.awaitRead(2, KvCodec.encode(new KvQuery.Get("k")), new RequestTracker.Local(lost), 0);
    tracker.onReadStates(List.of(new ReadState(1, 10)));
    tracker.serveReads(9);
    assertThat(served).isNotDone();
    tracker.serveReads(10);
    assertThat(served).isCompleted();
    tracker.onFailedReads(List.of(2L));
    assertThat(failure(lost)).isInstanceOf(DefiniteFailureException.class);
  }
}
