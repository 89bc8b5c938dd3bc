package io.faultline.run;

import io.faultline.checker.history.JsonValues;
import io.faultline.client.NodeAdmin;
import io.faultline.generator.Gens;
import io.faultline.nemesis.FaultApplier;
import io.faultline.nemesis.LeaderFinder;
import io.faultline.nemesis.NemesisKind;
import io.faultline.nemesis.NemesisPlanner;
import io.faultline.nemesis.NemesisSchedule;
import io.faultline.net.ToxiproxyNet;
import io.faultline.report.ReportWriter;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.NodeSpec.Address;
import io.faultline.runtime.WatchedRuntime;
import io.faultline.sut.SystemUnderTest;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one test end to end: run folder, proxies, cluster, clients and nemesis for the time limit,
 * heal everything, final reads, stop the cluster, check, report. Time comes from the injected
 * clock; the only sleeps are the nemesis interval and the recovery pause.
 */
public final class TestRunner {
  private static final long FINAL_PHASE_LIMIT_NANOS = 30_000_000_000L;
  private static final int STATUS_TIMEOUT_MILLIS = 300;
  private static final long STATUS_INTERVAL_MILLIS = 250;
  private static final long CRASH_POLL_MILLIS = 500;
  /** Longer than any single runtime call's own bound (a Docker start waits up to 60 s). */
  private static final long NEMESIS_STOP_MILLIS = 120_000;

  private final ClusterLauncher launcher;
  private final PrintStream progressOut;

  /** Local nodes behind the Toxiproxy that {@code proxies} starts. */
  public TestRunner(Supplier<ToxiproxyEndpoint> proxies, PrintStream progressOut) {
    this(ClusterLauncher.local(proxies), progressOut);
  }

  /** Nodes from any runtime (local processes, Docker containers). */
  public TestRunner(ClusterLauncher launcher, PrintStream progressOut) {
    this.launcher = launcher;
    this.progressOut = progressOut;
  }

  public RunOutcome run(TestConfig config) throws IOException, InterruptedException {
    if (!Files.isRegularFile(config.nodeJar())) {
      throw new IOException("node program not found at " + config.nodeJar()
          + " (build it: mvn -q -B -pl systems-under-test -am package -DskipTests)");
    }
    return run(config, SystemUnderTest.kvNode(config.system(), config.nodeJar(), config.nodeArgs()));
  }

  /** Runs {@code config} against {@code system}: the bundled KV node or a user's own. */
  public RunOutcome run(TestConfig config, SystemUnderTest system) throws IOException, InterruptedException {
    Workload workload = Workloads.byName(config.workload())
        .orElseThrow(() -> new IllegalArgumentException("unknown workload " + config.workload()));
    system.launcher().validate(); // before the run folder exists: a bad flag leaves nothing behind
    Path runDir = RunFolder.create(config.resultsRoot(), config.testName(), Instant.now());
    Files.write(runDir.resolve("test.json"),
        JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(config.toJson()));
    RunStateFile state = RunStateFile.begin(runDir);
    progressOut.println("faultline: run folder " + runDir);

    NodeAdmin admin = new NodeAdmin(Math.min(2_000, config.shortestRequestTimeoutMillis()));
    List<String> ids = Cluster.nodeIds(config.nodes());
    HistoryRecorder recorder;
    try (ClusterLauncher.Launched cluster = launcher.launch(ids, system, config, runDir.resolve("nodes"))) {
      Path nodesDir = runDir.resolve("nodes");
      Cluster.awaitUp(cluster.runtime(), system.readiness(), 90_000, System::currentTimeMillis, TestRunner::sleep,
          nodesDir);
      state.pass(RunPhase.NODES_UP);
      ToxiproxyNet net = cluster.net();
      recorder = new HistoryRecorder(runDir.resolve("history.jsonl"), System::nanoTime);
      WatchedRuntime runtime = watchForCrashes(cluster.runtime(), recorder, nodesDir);
      // Who led when, for the report: sampled on the history's clock with a short timeout of its own.
      NodeAdmin statusAdmin = new NodeAdmin(STATUS_TIMEOUT_MILLIS);
      try (recorder; NodeStatusSampler sampler = new NodeStatusSampler(runDir.resolve("node-status.jsonl"),
          runtime.nodes(), node -> statusAdmin.status(runtime.spec(node).client()), recorder::now,
          TestRunner::sleep, STATUS_INTERVAL_MILLIS).start()) {
        runPhases(config, workload, system, runtime, net, admin, recorder, state);
      }
    }
    state.pass(RunPhase.CLUSTER_STOPPED);
    return analyze(runDir, config.toJson(), workload, recorder.snapshot());
  }

  /**
   * The runtime as the rest of the run sees it: a node that dies without the nemesis killing it is
   * recorded as a {@code node-crashed} event, which {@link NodeCrashChecker} makes a finding.
   */
  private WatchedRuntime watchForCrashes(ClusterRuntime started, HistoryRecorder recorder, Path nodesDir) {
    return new WatchedRuntime(started, node -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("node", node);
      v.put("last-log-line", Cluster.lastLogLine(nodesDir, node));
      String error = Cluster.lastErrorLine(nodesDir, node);
      if (!error.isEmpty()) {
        v.put("error-log-line", error);
      }
      recorder.nemesis(NodeCrashChecker.CRASHED, v);
      progressOut.println("faultline: node " + node + " exited on its own (see nodes/" + node + "/node.log)");
    });
  }

  private void runPhases(TestConfig config, Workload workload, SystemUnderTest system, WatchedRuntime runtime,
      ToxiproxyNet net,
      NodeAdmin admin, HistoryRecorder recorder, RunStateFile state) throws InterruptedException, IOException {
    LeaderFinder leaders = new LeaderFinder(runtime, admin);
    FaultApplier applier = new FaultApplier(runtime, net, admin, recorder::nemesis, TestRunner::sleep);
    List<NemesisSchedule> schedules = new ArrayList<>();
    List<NemesisKind> kinds = new ArrayList<>(config.nemeses());
    for (int i = 0; i < kinds.size(); i++) {
      NemesisKind kind = kinds.get(i);
      // One schedule per kind, each seeded on its own and offset so faults of different kinds overlap.
      schedules.add(new NemesisSchedule(
          new NemesisPlanner(EnumSet.of(kind), runtime.nodes(), config.seed() + 31L * kind.ordinal(),
              config.partitionShapes(), config.nemesisTargets()),
          applier, leaders::leader, config.nemesisIntervalMillis(),
          config.nemesisIntervalMillis() + config.nemesisIntervalMillis() * i / kinds.size(),
          kinds.size() > 1 ? new java.util.SplittableRandom(config.seed() * 131L + kind.ordinal()) : null,
          kind == NemesisKind.PARTITION && config.partitionFlap())); // only a partition replaces its predecessor
    }
    Progress progress = new Progress(recorder, () -> schedules.stream().map(NemesisSchedule::current)
        .flatMap(Optional::stream).toList(), progressOut, 5_000);
    ClientWorkers workers = new ClientWorkers(config.concurrency(), config.seed(), runtime.nodes(),
        (process, node) -> {
          Address a = runtime.spec(node).client();
          return system.clients().open(workload.clientKind(), a,
              config.requestTimeoutMillis(process % config.concurrency()),
              msg -> progressOut.println("faultline: HARNESS BUG? " + msg));
        }, recorder);
    WorkloadOptions options = WorkloadOptions.defaults(config.concurrency()).withValues(config.values());

    List<Thread> nemesisThreads = new ArrayList<>();
    for (int i = 0; i < schedules.size(); i++) {
      nemesisThreads.add(start("faultline-nemesis-" + kinds.get(i).cliName(), schedules.get(i)));
    }
    Thread progressThread = start("faultline-progress", progress);
    CrashWatch crashWatch = CrashWatch.start(runtime, CRASH_POLL_MILLIS);
    try {
      // One deadline for the phase, not one per worker (workers start over some time).
      workers.runPhase("main", Gens.until(recorder.now() + config.timeLimitMillis() * 1_000_000L,
          Gens.rate(config.rate(), workload.operations(options))));
    } finally {
      schedules.forEach(NemesisSchedule::stop);
      for (int i = 0; i < schedules.size(); i++) {
        awaitNemesis(schedules.get(i), nemesisThreads.get(i));
      }
      state.pass(RunPhase.MAIN_PHASE_DONE);
      applier.healAll();
    }
    state.pass(RunPhase.HEALED);
    progressOut.println("faultline: healed; waiting " + config.recoveryMillis() / 1000.0 + " s for recovery");
    Thread.sleep(config.recoveryMillis());
    workers.runPhase("final", Gens.until(recorder.now() + FINAL_PHASE_LIMIT_NANOS, workload.finalOperations(options)));
    state.pass(RunPhase.FINAL_READS_DONE);
    progress.stop();
    progressThread.interrupt();
    crashWatch.close();
    runtime.checkNow();
    progressOut.println(Progress.line(recorder.now(), recorder.okCount(), recorder.failCount(),
        recorder.infoCount(), List.of()));
  }

  /** Checks a history and writes results.json, the report, the runs index and the latest link. */
  public static RunOutcome analyze(Path runDir, java.util.Map<String, Object> testJson, Workload workload,
      List<io.faultline.checker.history.Op> history) throws IOException {
    List<io.faultline.checker.Checker> checkers = new ArrayList<>(workload.checkers());
    checkers.add(new NodeCrashChecker());
    Judgement judgement = CheckRun.judge(checkers, history)
        .with(RunCompleteness.NAME, RunCompleteness.check(runDir));
    Optional<io.faultline.checker.CheckResult> elections = ElectionSafety.check(runDir.resolve("node-status.jsonl"));
    if (elections.isPresent()) {
      judgement = judgement.with(ElectionSafety.NAME, elections.get());
    }
    Optional<io.faultline.checker.CheckResult> replicas = ReplicaAgreement.check(runDir.resolve("node-status.jsonl"));
    if (replicas.isPresent()) {
      judgement = judgement.with(ReplicaAgreement.NAME, replicas.get());
    }
    Optional<io.faultline.checker.CheckResult> durable = DurableStateCheck.check(runDir.resolve("node-status.jsonl"));
    if (durable.isPresent()) {
      judgement = judgement.with(DurableStateCheck.NAME, durable.get());
    }
    CheckRun.writeResults(runDir, judgement);
    ReportWriter.write(runDir, testJson, judgement, history);
    Path root = runDir.getParent().getParent();
    ReportWriter.writeRunsIndex(root);
    RunFolder.markLatest(root, runDir);
    return new RunOutcome(runDir, judgement);
  }

  /**
   * Waits for a stopped schedule to finish the fault it is applying and heal it. A runtime call
   * that hangs past {@link #NEMESIS_STOP_MILLIS} is reported and the thread interrupted as a last
   * resort; {@code healAll} follows either way.
   */
  private void awaitNemesis(NemesisSchedule schedule, Thread thread) throws InterruptedException {
    if (!schedule.awaitFinished(NEMESIS_STOP_MILLIS)) {
      progressOut.println("faultline: " + thread.getName() + " still applying a fault after "
          + NEMESIS_STOP_MILLIS / 1000 + " s; interrupting it");
      thread.interrupt();
      thread.join(NEMESIS_STOP_MILLIS);
    }
  }

  private static Thread start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
