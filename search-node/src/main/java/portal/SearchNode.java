package portal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A local single-node OpenSearch for tests and development: the server and four of its modules
 * (netty4 transport, common analysis, mapper-extras, painless) from Maven Central jars, loaded as
 * classpath plugins the way the OpenSearch test framework's MockNode does.
 *
 * Usage: java -cp ... portal.SearchNode HOME   (HOME absolute, e.g. the project's var/search-node)
 * Runs until killed; a shutdown hook closes the node. Started by bin/search-node (make search-node).
 */
public final class SearchNode extends Node {

    private SearchNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node-1"),
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class, PainlessPlugin.class),
            true
        );
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Path.of(args[0]).isAbsolute()) {
            System.err.println("usage: java portal.SearchNode HOME  (an absolute path, e.g. var/search-node of the project)");
            System.exit(2);
        }
        logToConsole();
        Path home = Path.of(args[0]);
        Settings settings = Settings.builder()
            .put("cluster.name", "innoportal-dev")
            .put("node.name", "node-1")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", 9200)
            .put("transport.port", 9300)
            .put("discovery.type", "single-node")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A development node: do not turn indices read-only when the disk is nearly full.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Node node = new SearchNode(settings);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "search-node-shutdown"));
        node.start();
        closed.await(); // the node's threads are daemons: keep the JVM alive until it is killed
    }

    /** INFO and above to standard output (bin/search-node sends it to var/search-node/node.log). */
    private static void logToConsole() {
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setStatusLevel(Level.ERROR);
        config.add(
            config.newAppender("console", "Console")
                .add(config.newLayout("PatternLayout").addAttribute("pattern", "[%d{ISO8601}][%-5p][%-25c{1.}] %marker%m%n"))
        );
        config.add(config.newRootLogger(Level.INFO).add(config.newAppenderRef("console")));
        Configurator.initialize(config.build());
    }
}
