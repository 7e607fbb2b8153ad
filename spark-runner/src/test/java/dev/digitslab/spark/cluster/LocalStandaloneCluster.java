package dev.digitslab.spark.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.digitslab.spark.SparkJvmOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Spark standalone master and one worker as child JVMs on 127.0.0.1, started from this JVM's own class
 * path (no Spark distribution). Closing it stops both; so does this JVM's end, however it ends.
 */
public final class LocalStandaloneCluster implements AutoCloseable {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path runDir;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final int masterPort;
    private final int masterUiPort;
    private Process master;
    private Process worker;
    private final Thread stopOnExit = new Thread(this::stopProcesses, "spark-cluster-stop");

    private LocalStandaloneCluster(Path runDir) throws IOException {
        this.runDir = runDir;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
    }

    /** Starts master and worker and returns once the worker has registered (or throws after the timeout). */
    public static LocalStandaloneCluster start(Path runDir, int workerCores, String workerMemory, Duration timeout)
            throws IOException, InterruptedException {
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(runDir);
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            cluster.startMaster(timeout);
            cluster.startWorker(workerCores, workerMemory, timeout);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    private void startMaster(Duration timeout) throws IOException, InterruptedException {
        master = launch("master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
                "--webui-port", Integer.toString(masterUiPort));
        awaitMasterJson("status", body -> body.contains("ALIVE"), master, timeout);
    }

    private void startWorker(int cores, String memory, Duration timeout) throws IOException, InterruptedException {
        Path workDir = Files.createDirectories(runDir.resolve("work"));
        worker = launch("worker", "org.apache.spark.deploy.worker.Worker", masterUrl(),
                "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                "--cores", Integer.toString(cores), "--memory", memory, "--work-dir", workDir.toString());
        awaitMasterJson("aliveworkers", body -> {
            Matcher m = ALIVE_WORKERS.matcher(body);
            return m.find() && Integer.parseInt(m.group(1)) >= 1;
        }, worker, timeout);
    }

    private Process launch(String name, String mainClass, String... args) throws IOException {
        // The worker's launcher requires $SPARK_HOME/jars to exist; executors get the driver's class path.
        Path sparkHome = Files.createDirectories(runDir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkJvmOptions.all());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(runDir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        return builder.start();
    }

    /** Polls the master's web UI JSON (/json/FIELD) until the condition holds; the UI is up once the master is. */
    private void awaitMasterJson(String field, java.util.function.Predicate<String> ready, Process process,
                                 Duration timeout) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + masterUiPort + "/json/" + field);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Spark process ended with " + process.exitValue() + "; see " + runDir);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the master is still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Spark cluster not ready (" + field + ") within " + timeout + "; see " + runDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    /** Worker first (its shutdown hook kills its executors), then master: SIGTERM, then SIGKILL after 10 s. */
    private synchronized void stopProcesses() {
        for (Process process : new Process[] {worker, master}) {
            if (process == null || !process.isAlive()) {
                continue;
            }
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * This JVM's class path with absolute entries: the cluster processes start from it, and executors get it as
     * {@code spark.executor.extraClassPath}, so every JVM runs the project's own classes and dependencies.
     */
    public static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> new File(entry).getAbsolutePath())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
