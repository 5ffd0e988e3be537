package dev.bridge.analytics.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Packs StatsD line units into datagrams of at most {@code maxPacketBytes}: each unit (one line, or the two lines
 * of a negative gauge) is followed by {@code \n}, the line feed counted in the size, and units are never split;
 * a unit too long for an empty packet is counted in {@link #droppedLines()} and dropped. One reused buffer.
 * <p>
 * Not thread-safe: one thread (the pusher's).
 */
final class StatsdPacker
{
    /** Receives each full packet, from position 0 to its limit; the buffer is reused after the call returns. */
    @FunctionalInterface
    interface PacketSink
    {
        void send(ByteBuffer packet);
    }

    private final int maxPacketBytes;
    private final ByteBuffer packet;
    private final PacketSink sink;
    private long droppedLines;
    private long packets;
    private long lines;

    StatsdPacker(final int maxPacketBytes, final PacketSink sink)
    {
        this.maxPacketBytes = maxPacketBytes;
        this.packet = ByteBuffer.allocate(maxPacketBytes);
        this.sink = sink;
    }

    /** Adds one line unit (without its trailing line feed), sending the current packet first if it would not fit. */
    void add(final String unit)
    {
        final byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > maxPacketBytes)
        {
            droppedLines++;
            return;
        }
        if (packet.position() + bytes.length + 1 > maxPacketBytes)
        {
            flush();
        }
        packet.put(bytes).put((byte)'\n');
        lines++;
    }

    /** Sends the packet being filled, if it holds anything. */
    void flush()
    {
        if (packet.position() == 0)
        {
            return;
        }
        packet.flip();
        try
        {
            sink.send(packet);
        }
        finally
        {
            packet.clear();
            packets++;
        }
    }

    /** @return line units dropped because one alone exceeded the packet size. */
    long droppedLines()
    {
        return droppedLines;
    }

    /** @return packets handed to the sink. */
    long packets()
    {
        return packets;
    }

    /** @return line units packed. */
    long lines()
    {
        return lines;
    }
}
