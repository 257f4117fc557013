package ipkg;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, on 127.0.0.1, auth off.
 * Prints one ready line on stdout; stops on SIGTERM or when stdin closes, so it never
 * outlives the Node process that started it.
 */
public final class LocalNeo4j {
  public static final String READY = "IPKG_NEO4J_READY";

  public static void main(String[] args) throws Exception {
    Path home = Path.of(env("NEO4J_LOCAL_DATA", ".data/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(env("NEO4J_LOCAL_PORT", "7687"));
    long pageCacheMb = Long.parseLong(env("NEO4J_LOCAL_PAGECACHE_MB", "256"));

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        // A runaway query must not hold the embedded server hostage; the service sets tighter per-query timeouts.
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(120))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "neo4j-shutdown"));

    if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(Duration.ofSeconds(120).toMillis())) {
      System.err.println("neo4j-local: database did not become available");
      System.exit(1);
    }
    System.out.println(READY + " bolt://127.0.0.1:" + port + " " + home);
    System.out.flush();

    // The parent holds our stdin open; when it goes away (even by SIGKILL), we stop too.
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* ignore input */ }
      } catch (IOException ignored) {
        // treat as closed
      }
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
