package io.takerflow.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;

import io.takerflow.feeds.json.JsonCursor;

/**
 * Checks a decoder's fast path ({@link io.takerflow.feeds.json.JsonShape}) against its general field loop, the
 * reference: the same decoder built twice, shapes switched off in the second, must return the same and emit the
 * same for every frame given and for thousands of damaged copies of them (a byte changed, dropped or doubled, the
 * frame cut short), so a shape can only ever save time, never change a result.
 */
public final class ShapeAgreement
{
    private static final byte[] REPLACEMENTS = "0 9.-\"x,}]{[e\\".getBytes(StandardCharsets.US_ASCII);

    private ShapeAgreement()
    {
    }

    /**
     * @param fast          the decoder under test.
     * @param fastCursor    its cursor, to count the frames its shapes matched.
     * @param general       the same decoder built alike, its cursor's shapes switched off.
     * @param frames        frames as received.
     * @param damagedCopies how many damaged copies of randomly chosen frames to check as well.
     * @return how many of {@code frames} (not the copies) the fast path matched.
     */
    public static long check(
        final FrameDecoder fast,
        final JsonCursor fastCursor,
        final FrameDecoder general,
        final List<String> frames,
        final int damagedCopies)
    {
        final long before = fastCursor.matched();
        for (final String frame : frames)
        {
            agree(fast, general, frame.getBytes(StandardCharsets.UTF_8));
        }
        final long matched = fastCursor.matched() - before;
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < damagedCopies && !frames.isEmpty(); i++)
        {
            final byte[] bytes = frames.get(random.nextInt(frames.size())).getBytes(StandardCharsets.UTF_8);
            agree(fast, general, damage(bytes, random));
        }
        return matched;
    }

    private static byte[] damage(final byte[] bytes, final SplittableRandom random)
    {
        final int at = random.nextInt(bytes.length);
        switch (random.nextInt(4))
        {
            case 0:
            {
                final byte[] changed = bytes.clone();
                changed[at] = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
                return changed;
            }
            case 1:
            {
                final byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                return shorter;
            }
            case 2:
            {
                final byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at + 1);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                return longer;
            }
            default:
            {
                final byte[] cut = new byte[at];
                System.arraycopy(bytes, 0, cut, 0, at);
                return cut;
            }
        }
    }

    private static void agree(final FrameDecoder fast, final FrameDecoder general, final byte[] bytes)
    {
        final CollectingSink fastSink = new CollectingSink();
        final CollectingSink generalSink = new CollectingSink();
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final int fastResult = fast.decode(new UnsafeBuffer(bytes), 0, bytes.length, 42L, fastSink);
        final int generalResult = general.decode(new UnsafeBuffer(bytes), 0, bytes.length, 42L, generalSink);
        assertThat(fastResult).as(text).isEqualTo(generalResult);
        assertThat(describe(fastSink)).as(text).isEqualTo(describe(generalSink));
    }

    private static List<String> describe(final CollectingSink sink)
    {
        final List<String> out = new ArrayList<>();
        sink.trades.forEach((trade) -> out.add(trade.toString()));
        sink.lastTradeIds.forEach((pair) -> out.add("last " + pair[0] + "=" + pair[1]));
        out.add("shutdowns=" + sink.shutdowns + " subscribed=" + sink.subscribed + " keepAlive=" +
            sink.keepAliveRequests + " lost=" + sink.lostMessages);
        out.addAll(sink.rejections);
        return out;
    }
}
