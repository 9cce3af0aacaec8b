package ecox.neo4jtestserver;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Throw-away Neo4j Community server for ecox's tests: an embedded DBMS with only the Bolt
 * connector switched on, authentication off (or on, with --auth-password), a small page cache
 * and no usage reporting.
 *
 * <pre>
 * usage: Main --home DIR --port N [--host 127.0.0.1] [--pagecache-mb 64] [--exit-on-stdin-eof]
 *             [--auth-password PASSWORD]
 *
 *   --home DIR            Neo4j home; data/ and logs/debug.log live below it. A fresh folder
 *                         gives an empty database; reusing one keeps (and recovers) its data.
 *   --port N              Bolt port (the fixture picks a free loopback port).
 *   --host H              listen address (default 127.0.0.1; tests never listen elsewhere).
 *   --pagecache-mb M      page cache size in MiB (default 64).
 *   --exit-on-stdin-eof   shut down cleanly when standard input reaches end of file, i.e. when
 *                         the parent that holds the pipe dies, even by SIGKILL.
 *   --auth-password PW    switch authentication on; the user "neo4j" gets the password PW
 *                         (at least 8 characters), no change required at first login, no
 *                         lock-out after failed attempts.
 *                         Without it authentication is off and any credentials are accepted.
 *
 * stdout protocol (one line each):
 *   NEO4J_READY port=N version=V edition=community auth=on|off home=DIR   ready for Bolt clients
 *   NEO4J_PORT_IN_USE port=N                                   exit code 3
 *   NEO4J_START_FAILED Class: message (innermost cause)        exit code 4
 *   NEO4J_STOPPING reason=R / NEO4J_STOPPED                    clean shutdown (SIGTERM, SIGINT, EOF)
 * The DBMS's user log is written to stdout too; its debug log goes to HOME/logs/debug.log.
 * Heap is not a DBMS setting in embedded mode: size it with -Xmx on the java command line.
 * </pre>
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT_IN_USE = 3;
    static final int EXIT_START_FAILED = 4;

    /** Why the JVM is exiting; the shutdown hook prints it. */
    private static volatile String stopReason = "signal";

    private Main() {}

    /** Parsed command line. */
    private static final class Options {
        Path home;
        int port = -1;
        String host = "127.0.0.1";
        long pageCacheMb = 64;
        boolean exitOnStdinEof;
        String authPassword;
    }

    public static void main(String[] args) throws Exception {
        Options opts = parse(args);
        // Autoflush so every protocol line reaches the parent immediately.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(out);
        Files.createDirectories(opts.home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(opts.home);
        builder.setConfig(BoltConnector.enabled, true);
        builder.setConfig(BoltConnector.listen_address, new SocketAddress(opts.host, opts.port));
        builder.setConfig(BoltConnector.advertised_address, new SocketAddress(opts.host, opts.port));
        builder.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        // Bolt waits 5 s + 5 s for idle pools on shutdown by default; a test server has no
        // reason to, and the fixture's restart() would pay it every time.
        builder.setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1));
        builder.setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1));
        builder.setConfig(HttpConnector.enabled, false);
        builder.setConfig(HttpsConnector.enabled, false);
        builder.setConfig(GraphDatabaseSettings.auth_enabled, opts.authPassword != null);
        // Tests try wrong passwords on purpose: no lock-out after failed attempts (the
        // default locks the user for 5 s after 3, which would make tests order-dependent).
        builder.setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0);
        builder.setConfig(GraphDatabaseSettings.pagecache_memory, opts.pageCacheMb * 1024L * 1024L);
        builder.setConfig(GraphDatabaseSettings.preallocate_logical_logs, false);
        // The community jars include a usage-data collector that posts to the vendor; this
        // machine must not talk to any outside host, so switch it off at both levels.
        builder.setConfig(GraphDatabaseSettings.udc_enabled, false);
        builder.setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false);
        builder.setUserLogProvider(new Log4jLogProvider(out));

        DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (RuntimeException e) {
            if (hasCause(e, BindException.class)) {
                out.println("NEO4J_PORT_IN_USE port=" + opts.port);
                e.printStackTrace();
                System.exit(EXIT_PORT_IN_USE);
            }
            e.printStackTrace();
            out.println("NEO4J_START_FAILED " + rootCause(e));
            System.exit(EXIT_START_FAILED);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        Thread hook = new Thread(() -> stop(dbms, stopped, out, stopReason), "ecox-neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(180_000L)) {
            out.println("NEO4J_START_FAILED default database not available after 180 s");
            System.exit(EXIT_START_FAILED);
        }
        Object one = db.executeTransactionally("RETURN 1 AS one", java.util.Map.of(),
                result -> result.next().get("one"));
        if (!Long.valueOf(1L).equals(one)) {
            out.println("NEO4J_START_FAILED RETURN 1 gave " + one);
            System.exit(EXIT_START_FAILED);
        }
        if (opts.authPassword != null) {
            // The embedded API runs with full rights: set the password of the initial user
            // before any client can connect with the default one.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    java.util.Map.of("password", opts.authPassword));
        }
        waitForPort(opts.host, opts.port, 60_000L);

        if (opts.exitOnStdinEof) {
            Thread watcher = new Thread(() -> {
                try {
                    byte[] buf = new byte[256];
                    while (System.in.read(buf) != -1) {
                        // input is ignored; only its end matters
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the parent is gone, same as EOF
                }
                stopReason = "stdin-eof";
                System.exit(0); // runs the shutdown hook
            }, "ecox-neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        out.println("NEO4J_READY port=" + opts.port + " version=" + Version.getNeo4jVersion()
                + " edition=community auth=" + (opts.authPassword != null ? "on" : "off")
                + " home=" + opts.home);
        new CountDownLatch(1).await(); // parked until the JVM exits
    }

    private static void stop(DatabaseManagementService dbms, AtomicBoolean stopped, PrintStream out,
                             String reason) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        out.println("NEO4J_STOPPING reason=" + reason);
        long t0 = System.nanoTime();
        try {
            dbms.shutdown();
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
        out.printf(Locale.ROOT, "NEO4J_STOPPED seconds=%.2f%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void waitForPort(String host, int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    System.out.println("NEO4J_START_FAILED Bolt port " + port
                            + " not accepting connections: " + e);
                    System.exit(EXIT_START_FAILED);
                }
                Thread.sleep(100);
            }
        }
    }

    /** "Class: message" of the innermost cause, on one line, for the parent's error message. */
    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return (c.getClass().getName() + ": " + c.getMessage()).replaceAll("\\s+", " ");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (hasCause(s, type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Options parse(String[] args) {
        Options o = new Options();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--home" -> o.home = Path.of(args[++i]).toAbsolutePath();
                    case "--port" -> o.port = Integer.parseInt(args[++i]);
                    case "--host" -> o.host = args[++i];
                    case "--pagecache-mb" -> o.pageCacheMb = Long.parseLong(args[++i]);
                    case "--exit-on-stdin-eof" -> o.exitOnStdinEof = true;
                    case "--auth-password" -> o.authPassword = args[++i];
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (o.home == null || o.port < 1 || o.port > 65535 || o.pageCacheMb < 8) {
                throw new IllegalArgumentException("--home and --port (1-65535) are required, "
                        + "--pagecache-mb at least 8");
            }
            if (o.authPassword != null && o.authPassword.length() < 8) {
                throw new IllegalArgumentException("--auth-password needs at least 8 characters");
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: Main --home DIR --port N [--host 127.0.0.1] [--pagecache-mb 64]"
                    + " [--exit-on-stdin-eof] [--auth-password PASSWORD]");
            System.exit(EXIT_USAGE);
        }
        return o;
    }
}
