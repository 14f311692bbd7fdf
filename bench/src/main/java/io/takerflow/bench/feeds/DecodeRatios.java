package io.takerflow.bench.feeds;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The decode ratios on a busy machine: our decoder, Jackson databind and Jackson streaming (and, optionally, our
 * decoder from an older build's benchmark jar, loaded in its own class loader) on the same frames of
 * {@link DecodeBenchmark}, in one JVM and one thread, taking turns batch by batch so a burst of another job's load
 * falls on all of them alike. Prints the median ns/op of each over the rounds, the median of the per-round ratios and
 * the bytes allocated per decode ({@code ThreadMXBean}). JMH's figures stay the reference on a quiet machine; this is
 * for reading ratios when JMH's error bars are larger than its scores.
 * <p>
 * Short batches (100 calls, tens of microseconds) are mostly not preempted, so their median is the decoder's speed
 * rather than the scheduler's. Usage: {@code DecodeRatios [--baseline OLD_BENCHMARKS_JAR] [--rounds 2000]
 * [--batch 100] [--venues a,b]}.
 */
public final class DecodeRatios
{
    private static final int WARM_UP_ROUNDS = 10;
    private static final int WARM_UP_CALLS = 20_000;
    private static final String PASSWORD =
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    private DecodeRatios()
    {
    }

    /**
     * Runs the comparison and prints one row per venue.
     *
     * @param args the options above.
     * @throws Throwable if a decoder or the baseline jar cannot be loaded or called.
     */
    public static void main(final String[] args) throws Throwable
    {
        File baseline = null;
        int rounds = 2000;
        int batch = 100;
        List<String> venues = List.of("binance-usdm", "binance-spot", "coinbase", "coinbase-advanced", "bybit-linear",
            "okx");
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--baseline":
                    baseline = new File(args[i + 1]);
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[i + 1]);
                    break;
                case "--batch":
                    batch = Integer.parseInt(args[i + 1]);
                    break;
                case "--venues":
                    venues = Arrays.asList(args[i + 1].split(","));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final ClassLoader old = baseline == null ? null :
            new URLClassLoader(new URL[] {baseline.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        System.out.printf(Locale.ROOT, "decode ratios, %d rounds of %d calls each, taking turns; load average %.2f%n",
            rounds, batch, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("venue               ours ns  before ns  databind ns  streaming ns   ours vs databind" +
            "   ours vs streaming   before vs databind   before vs streaming   ours B/op");
        for (final String venue : venues)
        {
            final List<MethodHandle> calls = new ArrayList<>();
            final Object ours = bench(DecodeBenchmark.class.getClassLoader(), venue);
            calls.add(handle(ours, "decode"));
            calls.add(handle(ours, "databind"));
            calls.add(handle(ours, "streaming"));
            if (old != null)
            {
                calls.add(handle(bench(old, venue), "decode"));
            }
            final double[][] nanos = new double[calls.size()][rounds];
            final double[] bytes = new double[rounds];
            for (int warm = 0; warm < WARM_UP_ROUNDS; warm++)
            {
                for (final MethodHandle call : calls)
                {
                    time(call, WARM_UP_CALLS);
                }
            }
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            for (int round = 0; round < rounds; round++)
            {
                for (int k = 0; k < calls.size(); k++)
                {
                    final int which = (k + round) % calls.size();
                    final long before = which == 0 ? threads.getCurrentThreadAllocatedBytes() : 0;
                    nanos[which][round] = time(calls.get(which), batch) / (double)batch;
                    if (which == 0)
                    {
                        bytes[round] = (threads.getCurrentThreadAllocatedBytes() - before) / (double)batch;
                    }
                }
            }
            final double oursNs = median(nanos[0]);
            final double oldNs = old == null ? Double.NaN : median(nanos[3]);
            System.out.printf(Locale.ROOT, "%-18s %8.0f %10.0f %12.0f %13.0f %17.1fx %18.1fx %19.1fx %20.1fx %11.3f%n",
                venue, oursNs, oldNs, median(nanos[1]), median(nanos[2]), medianRatio(nanos[1], nanos[0]),
                medianRatio(nanos[2], nanos[0]), old == null ? Double.NaN : medianRatio(nanos[1], nanos[3]),
                old == null ? Double.NaN : medianRatio(nanos[2], nanos[3]), median(bytes));
        }
        System.out.printf(Locale.ROOT, "load average %.2f at the end%n",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Object bench(final ClassLoader loader, final String venue) throws Exception
    {
        final Class<?> type = Class.forName(DecodeBenchmark.class.getName(), true, loader);
        final Object bench = type.getConstructor().newInstance();
        type.getField("venue").set(bench, venue);
        final Class<?> blackhole = Class.forName("org.openjdk.jmh.infra.Blackhole", true, loader);
        type.getMethod("setUp", blackhole).invoke(bench, blackhole.getConstructor(String.class).newInstance(PASSWORD));
        return bench;
    }

    private static MethodHandle handle(final Object bench, final String method) throws Exception
    {
        final MethodHandle found = MethodHandles.publicLookup().unreflect(bench.getClass().getMethod(method));
        return found.bindTo(bench).asType(MethodType.methodType(Object.class));
    }

    private static long time(final MethodHandle call, final int batch) throws Throwable
    {
        final long start = System.nanoTime();
        Object last = null;
        for (int i = 0; i < batch; i++)
        {
            last = call.invokeExact();
        }
        final long elapsed = System.nanoTime() - start;
        if (last == null)
        {
            throw new IllegalStateException("no result");
        }
        return elapsed;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double medianRatio(final double[] numerator, final double[] denominator)
    {
        final double[] ratios = new double[numerator.length];
        for (int i = 0; i < ratios.length; i++)
        {
            ratios[i] = numerator[i] / denominator[i];
        }
        return median(ratios);
    }
}
