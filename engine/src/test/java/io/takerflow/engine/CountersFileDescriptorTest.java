package io.takerflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counters file's header is where {@link CountersFileDescriptor} says (read back here with plain NIO), and the
 * reader refuses what is not a whole counters file.
 */
class CountersFileDescriptorTest
{
    @TempDir
    Path dir;

    @Test
    void theWriterPutsTheHeaderAtTheNamedOffsetsAndTheReaderFindsTheCounters() throws IOException
    {
        final Path file = dir.resolve("counters.dat");
        final int metaData = EngineCounters.MAX_COUNTERS * CountersReader.METADATA_LENGTH;
        final int values = EngineCounters.MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
        try (EngineCounters counters = EngineCounters.mapFile(file))
        {
            counters.trades.increment();
            counters.trades.increment();
            counters.trades.increment();

            final ByteBuffer header = ByteBuffer.allocate(CountersFileDescriptor.HEADER_LENGTH)
                .order(ByteOrder.nativeOrder());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                assertThat(channel.size()).isEqualTo(64L + metaData + values);
                channel.read(header, 0);
            }
            assertThat(header.getInt(CountersFileDescriptor.MAGIC_OFFSET)).isEqualTo(0x5446434E);
            assertThat(header.getInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET)).isEqualTo(metaData);
            assertThat(header.getInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET)).isEqualTo(values);

            final CountersReader reader = EngineCounters.readFile(file);
            final long[] trades = {-1};
            reader.forEach((value, id, label) ->
            {
                if (label.equals("events.trade"))
                {
                    trades[0] = value;
                }
            });
            assertThat(trades[0]).isEqualTo(3);
        }
    }

    @Test
    void theReaderRefusesAFileWithoutTheMagicOrTooShortOrWithSectionsLongerThanTheFile() throws IOException
    {
        final Path file = dir.resolve("counters.dat");
        EngineCounters.mapFile(file).close();
        final byte[] whole = Files.readAllBytes(file);

        final byte[] noMagic = whole.clone();
        noMagic[CountersFileDescriptor.MAGIC_OFFSET] ^= 1;
        final Path wrong = Files.write(dir.resolve("wrong.dat"), noMagic);
        assertThatThrownBy(() -> EngineCounters.readFile(wrong)).isInstanceOf(IOException.class)
            .hasMessageContaining("is not a Takerflow counters file");

        final Path shortFile = Files.write(dir.resolve("short.dat"), new byte[10]);
        assertThatThrownBy(() -> EngineCounters.readFile(shortFile)).isInstanceOf(IOException.class)
            .hasMessageContaining("is not a Takerflow counters file");

        final byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        final Path truncated = Files.write(dir.resolve("truncated.dat"), cut);
        assertThatThrownBy(() -> EngineCounters.readFile(truncated)).isInstanceOf(IOException.class)
            .hasMessageContaining("damaged");
    }
}
