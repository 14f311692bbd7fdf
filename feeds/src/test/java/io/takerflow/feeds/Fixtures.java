package io.takerflow.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.takerflow.feeds.recorded.RecordedFrames;

/**
 * Finds the shared recorded exchange traffic beside the checkout ({@code ../shared/fixtures/recorded}).
 */
public final class Fixtures
{
    private Fixtures()
    {
    }

    /**
     * @param name a file in {@code shared/fixtures/recorded}.
     * @return its path.
     */
    public static Path recorded(final String name)
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null)
        {
            final Path candidate = dir.resolve("shared").resolve("fixtures").resolve("recorded").resolve(name);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("fixture " + name + " not found in a shared/fixtures/recorded above " +
            Path.of("").toAbsolutePath() + " (CI keeps shared/ beside the checkout)");
    }

    /**
     * A frame with its recorded receive time.
     *
     * @param receiveTimeNs recorded receive time.
     * @param text          the frame.
     */
    public record Frame(long receiveTimeNs, String text)
    {
    }

    /**
     * @param name a fixture file.
     * @return its received frames in order.
     * @throws IOException if it cannot be read.
     */
    public static List<Frame> frames(final String name) throws IOException
    {
        final List<Frame> frames = new ArrayList<>();
        RecordedFrames.read(recorded(name), (time, text, line) -> frames.add(new Frame(time, text)));
        return frames;
    }
}
