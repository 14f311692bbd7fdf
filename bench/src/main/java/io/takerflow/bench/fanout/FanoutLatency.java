package io.takerflow.bench.fanout;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import io.aeron.Publication;
import io.takerflow.engine.EngineCounters;
import io.takerflow.engine.signal.FlowState;
import io.takerflow.engine.signal.MarketConfig;
import io.takerflow.engine.signal.Regime;
import io.takerflow.engine.signal.SignalListener;
import io.takerflow.engine.signal.SignalSnapshot;
import io.takerflow.engine.signal.SignalView;
import io.takerflow.engine.signal.SpotState;
import io.takerflow.fanout.AeronLink;
import io.takerflow.fanout.FanoutCounters;
import io.takerflow.fanout.RemoteSignals;
import io.takerflow.fanout.SignalPublisher;

/**
 * One signal from the signal thread to a strategy, three ways: the in-process {@code SignalListener} callback, the
 * {@link SignalPublisher} over Aeron IPC to {@link RemoteSignals} in the same process, and over Aeron UDP on
 * 127.0.0.1 between two embedded media drivers (two "machines"). Signals are sent at a fixed rate; each carries its
 * send time ({@code System.nanoTime()} just before the publisher's {@code onSignal}) and the receiver records the
 * difference into an HdrHistogram; "lost" counts signals the publisher conflated because the receiver fell more than a
 * publication window behind. Bytes allocated per message are read from the JVM's per-thread allocation
 * counters of the sending and the receiving thread over the measured phase.
 * <p>
 * The drivers run as the engine runs them by default: one shared thread each, backing off to 1 ms sleeps, and the
 * receiver polls with the same back-off; a co-located box would run a dedicated busy-spinning driver instead.
 * <p>
 * Usage: {@code FanoutLatency [--messages 100000] [--rate 10000] [--warmup 20000]}.
 */
public final class FanoutLatency
{
    private static final long MAX_NS = TimeUnit.SECONDS.toNanos(10);
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private FanoutLatency()
    {
    }

    /**
     * Runs the fanout latency measurement.
     *
     * @param args see the class comment.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        int messages = 100_000;
        int rate = 10_000;
        int warmup = 20_000;
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%d signals at %,d/s after %,d warm-up signals; latency in microseconds%n",
            messages, rate, warmup);
        System.out.printf(Locale.ROOT, "%-24s %8s %8s %8s %8s %8s %10s %10s %s%n", "path", "p50", "p90", "p99",
            "p99.9", "max", "B/msg send", "B/msg recv", "lost");
        print("in-process callback", inProcess(messages, rate, warmup));
        print("Aeron IPC", overAeron("aeron:ipc", false, messages, rate, warmup));
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            final int port = socket.getLocalPort();
            socket.close();
            print("Aeron UDP 127.0.0.1", overAeron("aeron:udp?endpoint=127.0.0.1:" + port, true, messages, rate,
                warmup));
        }
    }

    record Outcome(Histogram latency, double sendBytesPerMessage, double receiveBytesPerMessage, long lost)
    {
    }

    private static void print(final String path, final Outcome outcome)
    {
        final Histogram h = outcome.latency();
        System.out.printf(Locale.ROOT, "%-24s %8.2f %8.2f %8.2f %8.2f %8.2f %10.2f %10.2f %d%n", path,
            h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) /
            1000.0,
            h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, outcome.sendBytesPerMessage(),
            outcome.receiveBytesPerMessage(), outcome.lost());
    }

    /**
     * Records each signal's latency once past the warm-up; allocation is read on the thread that receives.
     */
    private static final class Receiver implements SignalListener
    {
        final Histogram latency = new Histogram(MAX_NS, 3);
        final int warmup;
        volatile long received;
        long allocatedAtWarmup;
        volatile long allocatedAtEnd;
        final int total;

        Receiver(final int warmup, final int total)
        {
            this.warmup = warmup;
            this.total = total;
        }

        @Override
        public void onSignal(final SignalView signal)
        {
            final long now = System.nanoTime();
            final long count = received + 1;
            if (count > warmup)
            {
                latency.recordValue(Math.min(MAX_NS, now - signal.timeNs()));
            }
            if (count == warmup)
            {
                allocatedAtWarmup = THREADS.getCurrentThreadAllocatedBytes();
            }
            received = count;
        }
    }

    private static Outcome inProcess(final int messages, final int rate, final int warmup)
    {
        final Receiver receiver = new Receiver(warmup, warmup + messages);
        final long[] sendBytes = send(receiver, messages, rate, warmup);
        return new Outcome(receiver.latency, (double)(sendBytes[1] - sendBytes[0]) / messages,
            (double)(sendBytes[1] - sendBytes[0]) / messages, 0);
    }

    private static Outcome overAeron(final String channel, final boolean twoDrivers, final int messages, final int rate,
        final int warmup) throws InterruptedException
    {
        final AeronLink publisherSide = AeronLink.open(null, false, null, null);
        final AeronLink subscriberSide = twoDrivers ? AeronLink.open(null, false, null, null) : publisherSide;
        final Publication publication = publisherSide.aeron().addPublication(channel, 1001);
        final Receiver receiver = new Receiver(warmup, warmup + messages);
        final RemoteSignals client = RemoteSignals.builder(subscriberSide.aeron(), channel, 1001).listener(receiver)
            .build();
        final FanoutCounters counters = new FanoutCounters(EngineCounters.inMemory());
        final SignalPublisher publisher = new SignalPublisher(publication,
            List.of(MarketConfig.builder("BTC").flowInstruments(0).build()), counters);
        final Thread polling = new Thread(() ->
        {
            final IdleStrategy idle = AeronLink.idle();
            while (receiver.received < warmup + messages && !Thread.currentThread().isInterrupted())
            {
                idle.idle(client.poll());
            }
            receiver.allocatedAtEnd = THREADS.getCurrentThreadAllocatedBytes();
        }, "fanout-latency-receiver");
        try
        {
            while (!publication.isConnected() || !client.isConnected())
            {
                Thread.sleep(1);
            }
            polling.start();
            final long[] sendBytes = send(publisher, messages, rate, warmup);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (receiver.received < warmup + messages && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            polling.interrupt();
            polling.join();
            final long received = receiver.received;
            return new Outcome(receiver.latency, (double)(sendBytes[1] - sendBytes[0]) / messages,
                (double)(receiver.allocatedAtEnd - receiver.allocatedAtWarmup) / Math.max(1, received - warmup),
                warmup + messages - received);
        }
        finally
        {
            CloseHelper.closeAll(client, publication);
            if (twoDrivers)
            {
                subscriberSide.close();
            }
            publisherSide.close();
        }
    }

    /**
     * Sends warm-up then measured signals at the rate, each stamped with its send time.
     *
     * @return this thread's allocated bytes at the end of the warm-up and at the end.
     */
    private static long[] send(final SignalListener target, final int messages, final int rate, final int warmup)
    {
        final SignalSnapshot signal = new SignalSnapshot();
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final long[] allocated = new long[2];
        final long start = System.nanoTime();
        for (int i = 0; i < warmup + messages; i++)
        {
            if (i == warmup)
            {
                allocated[0] = THREADS.getCurrentThreadAllocatedBytes();
            }
            final long due = start + i * intervalNs;
            long now;
            while ((now = System.nanoTime()) < due)
            {
                if (due - now > 20_000)
                {
                    LockSupport.parkNanos(due - now - 10_000);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            signal.set("BTC", 0, System.nanoTime(), 12.5 + (i & 7), 10.25, Double.NaN, 400, 0, i + 1, 40, 0.0123,
                0.0101, FlowState.BALANCED, SpotState.FLAT, Regime.NEUTRAL, 0);
            target.onSignal(signal);
        }
        allocated[1] = THREADS.getCurrentThreadAllocatedBytes();
        return allocated;
    }
}
