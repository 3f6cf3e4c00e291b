import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Embedded Neo4j Community with Bolt on 127.0.0.1, for tests and local development only (auth off by default).
 *
 * <p>Usage: {@code java Launcher <dataDir> [port] [auth]}. With {@code auth}, authentication is on (user neo4j,
 * initial password neo4j, which must be changed before use): only tests of credential errors want that. Port 0 (the default) lets the OS pick a free port, which
 * avoids races between parallel runs. Prints exactly one line {@code READY <port>} on stdout once Bolt accepts
 * TCP connections. Stops cleanly on SIGTERM/SIGINT or when stdin closes (the parent process went away).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Launcher <dataDir> [port] [auth] [pageCacheMb] [transactionMaxMb]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int requestedPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    boolean auth = args.length > 2 && args[2].equals("auth");
    long pageCacheMb = args.length > 3 ? Long.parseLong(args[3]) : 128;
    // db.memory.transaction.max: 0 is the server default (no per-transaction limit)
    long transactionMaxMb = args.length > 4 ? Long.parseLong(args[4]) : 0;

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", requestedPort))
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            // Test data is small: keep the off-heap page cache modest on a shared 2-core machine.
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
            // Netty's default graceful shutdown waits 2 x 5 s after the databases are already closed.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
            .setConfig(GraphDatabaseSettings.memory_transaction_max_size, transactionMaxMb * 1024 * 1024)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    // The real port, which differs from the requested one when it was 0.
    GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    int port =
        system
            .getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT)
            .getPort();
    waitForBolt(port, Duration.ofSeconds(60));
    System.out.println("READY " + port);
    System.out.flush();

    Thread stdinWatcher = new Thread(Launcher::exitWhenStdinCloses, "stdin-watcher");
    stdinWatcher.setDaemon(true);
    stdinWatcher.start();
    stopped.await();
  }

  private static void waitForBolt(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          System.err.println("Bolt did not accept connections on port " + port + ": " + e.getMessage());
          System.exit(1);
        }
        Thread.sleep(50);
      }
    }
  }

  private static void exitWhenStdinCloses() {
    try {
      InputStream in = System.in;
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // Ignore input; only end-of-stream matters.
      }
    } catch (IOException e) {
      // A broken pipe means the parent is gone too.
    }
    System.exit(0);
  }
}
