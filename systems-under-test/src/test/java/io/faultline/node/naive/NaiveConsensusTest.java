package io.faultline.node.naive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.HostPort;
import io.faultline.node.NodeConfig;
import io.faultline.node.ReadMode;
import io.faultline.node.Tuning;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.cluster.FreePorts;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvCommand;
import io.faultline.node.kv.KvQuery;
import io.faultline.node.kv.KvResult;
import io.faultline.node.kv.KvStateMachine;
import io.faultline.node.kv.RequestId;
import io.faultline.node.NodeLog;
import io.faultline.node.transport.TcpPeerTransport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.RandomAccessFile;
import io.faultline.node.storage.RecordLog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One naive node in this JVM with real storage: recovery from snapshot + log, torn tail. */
class NaiveConsensusTest {
  @TempDir Path dir;
  private final List<Integer> ports = FreePorts.allocate(1);
  private final NodeClock clock = NodeClock.system();

  private NaiveConsensus node(KvStateMachine sm) throws Exception {
    Tuning d = Tuning.defaults();
    Tuning snapshotOften = new Tuning(d.tickMs(), d.heartbeatMs(), d.electionTimeoutMs(), d.requestTimeoutMs(),
        d.maxRequestBytes(), d.maxFrameBytes(), 5);
    HostPort peer = new HostPort("127.0.0.1", ports.get(0));
    NodeConfig config = new NodeConfig("n1", "naive", new HostPort("127.0.0.1", 0), peer, Map.of(), dir,
        ReadMode.INDEX, Set.of(), snapshotOften, 1);
    TcpPeerTransport transport = new TcpPeerTransport("n1", peer, Map.of(), 1 << 20, 10,
        new NodeLog("n1", clock, new PrintStream(OutputStream.nullOutputStream())));
    NaiveConsensus consensus = new NaiveConsensus(config, sm, transport, clock);
    consensus.start();
    return consensus;
  }

  private static byte[] put(int i) {
    return KvCodec.encode(new KvCommand.Put(new RequestId("t", i), "k" + i, IntNode.valueOf(i)));
  }

  private static KvResult get(NaiveConsensus node, int i) throws Exception {
    return KvCodec.decodeResult(node.query(KvCodec.encode(new KvQuery.Get("k" + i))).get(5, TimeUnit.SECONDS));
  }

  @Test
  void recoversEverythingAcknowledgedFromSnapshotPlusLog() throws Exception {
    KvStateMachine first = new KvStateMachine();
    try (NaiveConsensus node = node(first)) {
      for (int i = 1; i <= 12; i++) {
        assertThat(KvCodec.decodeResult(node.propose(put(i)).get(5, TimeUnit.SECONDS)))
            .isEqualTo(new KvResult.Written());
      }
      assertThat(node.status().appliedIndex()).isEqualTo(12);
    }
    assertThat(dir.resolve("naive-snapshot")).exists();
    try (NaiveConsensus node = node(new KvStateMachine())) {
      assertThat(node.status().appliedIndex()).isEqualTo(12);
      assertThat(node.status().role()).isEqualTo("peer");
      for (int i = 1; i <= 12; i++) {
        assertThat(get(node, i)).isEqualTo(new KvResult.Value(IntNode.valueOf(i)));
      }
      assertThat(KvCodec.decodeResult(node.propose(put(12)).get(5, TimeUnit.SECONDS)))
          .as("a retried command is not applied again, even across restarts")
          .isEqualTo(new KvResult.Written());
    }
  }

  @Test
  void aTornTailInTheCommandLogIsDroppedOnRestart() throws Exception {
    try (NaiveConsensus node = node(new KvStateMachine())) {
      node.propose(put(1)).get(5, TimeUnit.SECONDS);
      node.propose(put(2)).get(5, TimeUnit.SECONDS);
    }
    Path log = dir.resolve("naive-log");
    long[] end = {0};
    RecordLog.read(log, (offset, payload) -> end[0] = offset + RecordLog.HEADER_BYTES + payload.length);
    assertThat(Files.size(log)).as("a clean close leaves no preallocated tail").isEqualTo(end[0]);
    // What a crash mid-append leaves: a few bytes of a record at the logical end, then the zeros
    // of the preallocated space that a killed process never got to cut off.
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
      raf.seek(end[0]);
      raf.write(new byte[] {0, 0, 0, 40, 1, 2, 3});
      raf.setLength(end[0] + RecordLog.MIN_PREALLOCATE_STEP);
    }
    try (NaiveConsensus node = node(new KvStateMachine())) {
      assertThat(node.status().appliedIndex()).isEqualTo(2);
      assertThat(get(node, 2)).isEqualTo(new KvResult.Value(IntNode.valueOf(2)));
      node.propose(put(3)).get(5, TimeUnit.SECONDS);
    }
    try (NaiveConsensus node = node(new KvStateMachine())) {
      assertThat(get(node, 3)).isEqualTo(new KvResult.Value(IntNode.valueOf(3)));
    }
  }
}
