package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.archive.client.AeronArchive;
import io.takerflow.fanout.AeronLink;
import io.takerflow.engine.input.Venue;
import io.takerflow.fanout.FanoutSettings;
import io.takerflow.sim.ExchangeSimulator;
import io.takerflow.sim.SimulatorSettings;

/**
 * {@code demo --publish} in one "terminal" and {@code listen} in another, sharing a media driver as two processes on
 * one machine would; and the publishing settings of the live configuration.
 */
final class ListenCommandTest
{
    @TempDir
    Path dir;

    record Result(int code, String out, String err)
    {
    }

    static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = TakerflowCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void listenShowsThePublishedDemoFromItsArchiveThenLive() throws Exception
    {
        try (AeronLink driver = AeronLink.open(null, false, null, null))
        {
            final String aeronDir = driver.aeronDirectoryName();
            final AtomicReference<Result> demo = new AtomicReference<>();
            final Thread terminal1 = new Thread(() -> demo.set(run("demo", "--seconds", "14", "--journal",
                dir.resolve("journal").toString(), "--publish", "aeron:ipc", "--aeron-dir", aeronDir)));
            terminal1.start();
            awaitRecording(driver, demo);

            final Result listen = run("listen", "--channel", "aeron:ipc", "--aeron-dir", aeronDir, "--from", "start",
                "--seconds", "6");
            // a second listen resumes where the first stopped: the summary says from where
            final java.util.regex.Matcher resume = java.util.regex.Pattern.compile("resume with --from (position:\\d+)")
                .matcher(listen.out());
            assertThat(resume.find()).as(listen.out()).isTrue();
            final Result resumed = run("listen", "--channel", "aeron:ipc", "--aeron-dir", aeronDir, "--from",
                resume.group(1), "--seconds", "3");
            terminal1.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(demo.get().code()).as(demo.get().err()).isZero();
            assertThat(demo.get().out())
                .contains("publishing signals on aeron:ipc stream 1001, recorded by Aeron Archive")
                .contains("listen with: takerflow listen --channel 'aeron:ipc' --aeron-dir " + aeronDir);
            assertThat(listen.code()).as(listen.err()).isZero();
            assertThat(listen.out())
                .contains("listening on aeron:ipc stream 1001, from the archive's recording then live")
                .contains("joined publisher session")
                .contains("caught up with the archive: live from stream position")
                .contains("BTC  imb ")
                .contains(" live")
                .contains("summary: ");
            assertThat(listen.out()).doesNotContain("summary: 0 signals");
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.out()).as("nothing before the position counts as missed, the join is not late")
                .contains("caught up with the archive: live from stream position")
                .contains(" signals received, 0 missed")
                .doesNotContain("late: earlier signals");
        }
    }

    @Test
    void liveCanPublishOverUdpToAListenerWithItsOwnDriver() throws Exception
    {
        try (ExchangeSimulator simulator = ExchangeSimulator.start(SimulatorSettings.builder().tradesPerSecond(50)
            .build());
            java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress()))
        {
            final String channel = "aeron:udp?endpoint=127.0.0.1:" + socket.getLocalPort();
            socket.close();
            final Path config = java.nio.file.Files.writeString(dir.resolve("live.properties"), String.join("\n",
                "venue.binance-usdm.symbols = BTCUSDT",
                "venue.binance-usdm.url = " + simulator.endpoint(Venue.BINANCE_USDM),
                "market.BTC.flow = binance-usdm:BTCUSDT",
                "history.warmup = false",
                "publish.trades = true"));
            final AtomicReference<Result> live = new AtomicReference<>();
            final Thread terminal1 = new Thread(() -> live.set(run("live", "--config", config.toString(), "--journal",
                dir.resolve("live-journal").toString(), "--seconds", "8", "--publish", channel)));
            terminal1.start();
            final Result listen = run("listen", "--channel", channel, "--seconds", "5");
            terminal1.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(live.get().code()).as(live.get().err()).isZero();
            assertThat(live.get().out()).contains("publishing signals and trades on " + channel + " stream 1001")
                .contains("fanout.signals.sent = ");
            assertThat(listen.code()).as(listen.err()).isZero();
            assertThat(listen.out()).contains("joined publisher session").contains("BTC  imb ").contains(" live")
                .doesNotContain("summary: 0 signals");
        }
    }

    private static void awaitRecording(final AeronLink driver, final AtomicReference<Result> demo)
        throws InterruptedException
    {
        RuntimeException last = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            try (AeronArchive archive = driver.connectArchive(null, null))
            {
                if (archive.listRecordingsForUri(0, 10, "aeron:ipc", FanoutSettings.DEFAULT_STREAM_ID,
                    (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) ->
                    {
                    }) > 0)
                {
                    return;
                }
            }
            catch (final RuntimeException notYetStarted)
            {
                last = notYetStarted; // the demo's archive is not up yet
            }
            if (demo.get() != null)
            {
                throw new AssertionError("the demo ended before its archive recorded: " + demo.get());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo's archive did not record the stream within 30 s", last);
    }

    @Test
    void publishingSettingsAreCheckedAndNamed() throws Exception
    {
        final String market = "venue.binance-usdm.symbols = BTCUSDT\nmarket.BTC.flow = binance-usdm:BTCUSDT\n";
        final LiveConfig config = LiveConfig.parse(properties(market + "publish.channel = aeron:udp?endpoint=" +
            "127.0.0.1:40123\npublish.streamId = 7\npublish.trades = true\narchive.enabled = true\n"), "test");
        assertThat(config.fanout.channel()).isEqualTo("aeron:udp?endpoint=127.0.0.1:40123");
        assertThat(config.fanout.streamId()).isEqualTo(7);
        assertThat(config.fanout.publishTrades()).isTrue();
        assertThat(config.fanout.archiveEnabled()).isTrue();
        assertThat(config.fanout.aeronDir()).isNull();
        assertThat(LiveConfig.parse(properties(market), "test").fanout).isNull();

        final LiveConfig noChannel = LiveConfig.parse(properties(market + "archive.enabled = true\n"), "test");
        assertThatThrownBy(noChannel::requirePublishChannel).hasMessageContaining("archive.enabled")
            .hasMessageContaining("publish.channel (or --publish) must be set");
        noChannel.publishOn("aeron:ipc");
        noChannel.requirePublishChannel();
        assertThat(noChannel.fanout.archiveEnabled()).isTrue();
        assertThatThrownBy(() -> LiveConfig.parse(properties(market + "publish.channel = aeron:ipc\n" +
            "publish.streamId = many\n"), "test")).hasMessageContaining("publish.streamId");
        assertThatThrownBy(() -> LiveConfig.parse(properties(market + "publish.channel = aeron:udp?interface=eth0\n"),
            "test")).hasMessageContaining("publish.channel").hasMessageContaining("endpoint");
        assertThatThrownBy(() -> LiveConfig.parse(properties(market + "publish.channel = aeron:ipc\n" +
            "publish.trades = sometimes\n"), "test")).hasMessageContaining("publish.trades");

        final Result misuse = run("listen", "--channel", "aeron:ipc", "--from", "yesterday");
        assertThat(misuse.code()).isEqualTo(2);
        assertThat(misuse.err()).contains("--from");
        final Result badPosition = run("listen", "--channel", "aeron:ipc", "--from", "position:soon");
        assertThat(badPosition.code()).isEqualTo(2);
        assertThat(badPosition.err()).contains("--from position:P");
        final Result listenWithoutChannel = run("listen");
        assertThat(listenWithoutChannel.code()).isEqualTo(2);
        assertThat(listenWithoutChannel.err()).contains("--channel");
    }

    private static Properties properties(final String text) throws Exception
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
